package ddns.run;

import ddns.job.Mode;
import ddns.log.JsonLog;
import ddns.plan.Action;
import ddns.run.Summary.InstanceOutcome;
import ddns.run.Summary.RejectedEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a run's results into its {@link Summary}, and writes its metrics to the log. */
final class Summaries {
  private final JsonLog log;
  private final Clock clock;
  private final String service;

  Summaries(JsonLog log, Clock clock, String service) {
    this.log = log;
    this.clock = clock;
    this.service = service;
  }

  /** What one run did, and the figures of the run. */
  record Run(
      Mode mode,
      boolean dryRun,
      List<InstanceResult> results,
      Optional<String> runFailure,
      List<RejectedEvent> rejected,
      List<String> notes,
      List<String> failedMessageIds,
      long startedMillis,
      Timings timings) {

    Run(
        Mode mode,
        boolean dryRun,
        List<InstanceResult> results,
        Optional<String> runFailure,
        List<RejectedEvent> rejected,
        List<String> notes,
        List<String> failedMessageIds,
        long startedMillis) {
      this(
          mode,
          dryRun,
          results,
          runFailure,
          rejected,
          notes,
          failedMessageIds,
          startedMillis,
          Timings.NONE);
    }
  }

  private static List<Long> millis(List<java.time.Duration> times) {
    return times.stream().map(java.time.Duration::toMillis).toList();
  }

  /** {@code WHAT of N NOUN: median X s, longest Y s}; none without figures. */
  private static Optional<String> figure(String what, List<Long> sorted, String noun) {
    if (sorted.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        what
            + " of "
            + sorted.size()
            + " "
            + noun
            + ": median "
            + sorted.get((sorted.size() - 1) / 2) / 1000.0
            + " s, longest "
            + sorted.get(sorted.size() - 1) / 1000.0
            + " s");
  }

  Summary summarise(Run run, Map<String, Integer> calls) {
    Map<String, Long> metrics =
        RunMetrics.of(
            run.results(),
            run.mode(),
            run.runFailure().isPresent(),
            clock.millis() - run.startedMillis());
    List<Long> toSubmit = millis(run.timings().toSubmit());
    List<Long> toDns = millis(run.timings().toDns());
    log.document(RunMetrics.emf(service, run.mode(), metrics, toSubmit, toDns, clock.millis()));
    List<String> notes = new ArrayList<>(run.notes());
    figure("time to submit (event to Route 53 accepting the change)", toSubmit, "instances")
        .ifPresent(notes::add);
    figure("time to DNS (lifecycle event to Route 53 INSYNC)", toDns, "launches")
        .ifPresent(notes::add);
    List<InstanceResult> reported = run.results();
    if (run.mode() != Mode.EVENT && run.runFailure().isEmpty()) {
      reported = run.results().stream().filter(InstanceResult::eventful).toList();
      long failed = reported.stream().filter(InstanceResult::failed).count();
      boolean uninstall = run.mode() == Mode.UNINSTALL;
      notes.add(
          run.results().size()
              + (uninstall
                  ? " registered instances; "
                  : " instances checked (running, or registered and no longer running); ")
              + (reported.size() - failed)
              + (uninstall
                  ? " had records to remove or raised alerts"
                  : " needed changes or raised alerts")
              + (failed == 0 ? "" : ", " + failed + " failed (see their errors)")
              + (uninstall ? "; the others had nothing left" : "; the others are in line"));
    }
    List<InstanceOutcome> outcomes = new ArrayList<>();
    reported.forEach(r -> outcomes.add(r.outcome()));
    run.runFailure()
        .ifPresent(
            error ->
                outcomes.add(
                    new InstanceOutcome(
                        "(reconcile)",
                        Action.SKIP,
                        "unknown",
                        Outcome.FAILED,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        error)));
    int total = calls.values().stream().mapToInt(Integer::intValue).sum();
    return new Summary(
        run.mode(),
        run.dryRun(),
        outcomes,
        run.rejected(),
        notes,
        metrics,
        calls,
        total,
        run.failedMessageIds());
  }
}
