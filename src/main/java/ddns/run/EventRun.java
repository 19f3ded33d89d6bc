package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.apply.Deadline;
import ddns.apply.SubmittedChanges;
import ddns.config.Config;
import ddns.event.InboundEvent;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.facts.Workplace;
import ddns.facts.WorkplaceDirectory;
import ddns.failure.ServiceFailure;
import ddns.log.JsonLog;
import ddns.run.Pipeline.Subject;
import ddns.run.Summary.RejectedEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The event path: one invocation's events, grouped per instance, their current state read in one
 * {@code DescribeInstances}, then the shared stages; schedules run a reconcile.
 */
final class EventRun {
  private final Config config;
  private final InstanceSource ec2;
  private final WorkplaceDirectory workplaces;
  private final TableSetup table;
  private final Pipeline pipeline;
  private final Reconciler reconciler;
  private final SubmittedChanges submitted;
  private final LifecycleCompletion lifecycle;
  private final ReconcileFanOut fanOut;
  private final EventAccounts accounts;
  private final JsonLog log;

  EventRun(
      Config config,
      InstanceSource ec2,
      WorkplaceDirectory workplaces,
      TableSetup table,
      Pipeline pipeline,
      Reconciler reconciler,
      SubmittedChanges submitted,
      LifecycleCompletion lifecycle,
      ReconcileFanOut fanOut,
      JsonLog log) {
    this.fanOut = fanOut;
    this.accounts = new EventAccounts(config.reach(), workplaces, log);
    this.config = config;
    this.submitted = submitted;
    this.lifecycle = lifecycle;
    this.ec2 = ec2;
    this.workplaces = workplaces;
    this.table = table;
    this.pipeline = pipeline;
    this.reconciler = reconciler;
    this.log = log;
  }

  Summaries.Run handle(List<InboundEvent> events, long startedMillis, Deadline deadline) {
    Optional<Workplace> home = Optional.empty();
    Optional<String> unplaced = Optional.empty();
    if (config.reach().beyondOwn()) {
      try {
        home = Optional.of(workplaces.home());
      } catch (ServiceFailure e) {
        unplaced =
            Optional.of(
                "cannot tell which account route53-ddns runs in, so the event cannot be placed in"
                    + " its account: "
                    + e.getMessage());
        log.error("batch failed", field("error", unplaced.get()));
      }
    }
    Set<String> outsiders = Set.of();
    if (home.isPresent() && unplaced.isEmpty() && config.reach().wholeOrganization()) {
      try {
        outsiders = accounts.outsiders(events, home.get());
      } catch (ServiceFailure e) {
        unplaced =
            Optional.of(
                "cannot tell whether the events' accounts belong to the organization: "
                    + e.getMessage());
        log.error("batch failed", field("error", unplaced.get()));
      }
    }
    EventBatch batch =
        EventBatch.of(
            events, config.rules(), config.lifecycleHooks(), log, config.reach(), home, outsiders);
    boolean dryRun = config.dryRun();
    List<InstanceResult> results = new ArrayList<>();
    List<RejectedEvent> rejected = new ArrayList<>(batch.rejected());
    List<String> notes = new ArrayList<>(batch.notes());
    if (unplaced.isPresent()) {
      results.addAll(failed(batch.byInstance().keySet(), batch, unplaced.get(), false));
    } else if (!batch.byInstance().isEmpty()) {
      Handled handled = instances(batch, dryRun, deadline, EventAccounts.notices(outsiders));
      results.addAll(handled.results());
      rejected.addAll(handled.refused());
      notes.addAll(handled.notes());
    } else if (!outsiders.isEmpty()) {
      notes.addAll(pipeline.alert(List.of(), EventAccounts.notices(outsiders), dryRun).notes());
    }
    Mode mode = Mode.EVENT;
    Optional<String> runFailure = Optional.empty();
    List<String> failedRechecks = List.of();
    List<java.time.Duration> timesToDns = List.of();
    if (!batch.rechecks().isEmpty()) {
      LifecycleCompletion.Rechecked rechecked = lifecycle.recheck(batch.rechecks(), dryRun);
      notes.addAll(rechecked.notes());
      failedRechecks = rechecked.failedMessageIds();
      timesToDns = rechecked.timesToDns();
    }
    if (!batch.reconcileRequests().isEmpty()) {
      mode = Mode.RECONCILE;
      if (fanOut.handsOut()) {
        runFailure = handOut(batch, dryRun, notes);
      } else {
        // One run serves every message of the batch that asks for one.
        Reconciler.Result run = reconciler.run(batch.reconcileRequests().get(0), dryRun, deadline);
        results.addAll(run.results());
        runFailure = run.failure();
        notes.addAll(run.notes());
      }
    }
    ReconcileFanOut.Ran units = fanOut.run(batch.units(), reconciler, dryRun, deadline);
    if (!batch.units().isEmpty()) {
      mode = Mode.RECONCILE;
      results.addAll(units.results());
      notes.addAll(units.notes());
    }
    return new Summaries.Run(
        mode,
        dryRun,
        results,
        runFailure,
        rejected,
        notes,
        java.util.stream.Stream.of(
                failedMessages(rejected, batch, results, runFailure),
                failedRechecks,
                units.failedMessageIds())
            .flatMap(List::stream)
            .distinct()
            .filter(id -> !units.handedBack().contains(id))
            .toList(),
        startedMillis,
        new Timings(toSubmit(results), timesToDns));
  }

  /**
   * Hands the batch's reconcile out as units: a schedule's over every account and region served, an
   * address change's over its own account and region only.
   *
   * @return the failure when a unit could not be sent (the requests come back)
   */
  private Optional<String> handOut(EventBatch batch, boolean dryRun, List<String> notes) {
    try {
      boolean whole =
          batch.reconcileRequests().stream()
              .anyMatch(id -> !batch.reconcileWorkplaces().containsKey(id));
      List<Workplace> targets =
          whole ? reconciler.served() : List.copyOf(batch.reconcileWorkplaces().values());
      notes.add(fanOut.handOut(targets, dryRun));
      return Optional.empty();
    } catch (ServiceFailure e) {
      log.error("reconcile could not be handed out", field("error", e.getMessage()));
      return Optional.of("reconcile could not be handed out: " + e.getMessage());
    }
  }

  /**
   * What handling a batch's instances came to: results, events refused as not served, and notes on
   * the alerts about accounts.
   */
  private record Handled(
      List<InstanceResult> results, List<RejectedEvent> refused, List<String> notes) {}

  /**
   * One {@code DescribeInstances} per workplace of the batch. A workplace that cannot be read fails
   * only its own instances (retried), with an alert when it is another than the tool's own: the
   * other workplaces' instances go on.
   */
  private Handled instances(
      EventBatch batch, boolean dryRun, Deadline deadline, Map<String, String> notices) {
    try {
      table.ensure(dryRun);
    } catch (ServiceFailure e) {
      log.error("batch failed", field("error", e.getMessage()));
      List<InstanceResult> failed =
          failed(batch.byInstance().keySet(), batch, e.getMessage(), false);
      return new Handled(
          pipeline.alert(lifecycle.complete(batch.hooks(), failed, dryRun), dryRun),
          List.of(),
          List.of());
    }
    Map<InstanceId, InstanceFacts> facts = new LinkedHashMap<>();
    List<InstanceResult> unread = new ArrayList<>();
    InstanceId.byWorkplace(batch.byInstance().keySet())
        .forEach(
            (where, ids) -> {
              try {
                facts.putAll(ec2.describe(ids));
              } catch (ServiceFailure e) {
                log.error(
                    "instances could not be read",
                    field("workplace", where.map(Workplace::toString).orElse("own")),
                    field("error", e.getMessage()));
                unread.addAll(failed(ids, batch, e.getMessage(), where.isPresent()));
              }
            });
    Set<InstanceId> unreadIds = unread.stream().map(InstanceResult::id).collect(Collectors.toSet());
    Map<InstanceId, String> foreign = accounts.notServed(batch, facts, unreadIds);
    List<RejectedEvent> refused = new ArrayList<>();
    foreign.forEach(
        (id, why) ->
            batch
                .byInstance()
                .get(id)
                .forEach(t -> refused.add(new RejectedEvent(t.messageId(), why))));
    refused.forEach(
        r ->
            log.warn(
                "event rejected", field("messageId", r.messageId()), field("error", r.error())));
    List<Subject> subjects = new ArrayList<>();
    batch
        .byInstance()
        .forEach(
            (id, triggers) -> {
              if (!unreadIds.contains(id) && !foreign.containsKey(id)) {
                subjects.add(
                    new Subject(id, EventBatch.last(triggers), Optional.ofNullable(facts.get(id))));
              }
            });
    List<InstanceResult> results = new ArrayList<>(unread);
    if (!subjects.isEmpty()) {
      results.addAll(pipeline.run(subjects, dryRun, intents -> Optional.empty(), deadline));
    }
    results = lifecycle.complete(batch.hooks(), results, dryRun);
    Pipeline.Alerted alerted = pipeline.alert(results, notices, dryRun);
    results = alerted.results();
    results.forEach(
        r ->
            log.info(
                "instance handled",
                field("eventId", r.trigger().eventId()),
                field("messageId", r.trigger().messageId()),
                field("cause", r.trigger().cause().toString()),
                field("instanceId", r.id().value()),
                field("action", r.decision().action().toString()),
                field("outcome", r.outcome().outcome().toString()),
                field("changes", r.changes().size()),
                field("alerts", r.alerts().size())));
    return new Handled(results, refused, alerted.notes());
  }

  /** From each event's time to Route 53 accepting the request that wrote its instance's records. */
  private List<java.time.Duration> toSubmit(List<InstanceResult> results) {
    List<java.time.Duration> times = new ArrayList<>();
    for (InstanceResult r : results) {
      Optional<java.time.Instant> event = r.trigger().eventTime();
      Optional<java.time.Instant> at = submitted.submittedAt(submitted.changeIds(r.changes()));
      if (event.isPresent() && at.isPresent() && !at.get().isBefore(event.get())) {
        times.add(java.time.Duration.between(event.get(), at.get()));
      }
    }
    return times;
  }

  private static List<InstanceResult> failed(
      Collection<InstanceId> ids, EventBatch batch, String error, boolean alert) {
    return ids.stream()
        .map(
            id ->
                InstanceResult.failedBeforePlanning(
                    id,
                    EventBatch.last(batch.byInstance().get(id)),
                    error,
                    alert
                        ? List.of(new Alert(id, AlertKind.WORKPLACE_UNREACHABLE, error))
                        : List.of()))
        .toList();
  }

  /**
   * Rejected messages, and every message that named a failed instance (not only the one it was
   * handled for); a failed reconcile run fails every message that asked for it.
   */
  private static List<String> failedMessages(
      List<RejectedEvent> rejected,
      EventBatch batch,
      List<InstanceResult> results,
      Optional<String> runFailure) {
    List<String> failed = new ArrayList<>();
    rejected.forEach(r -> failed.add(r.messageId()));
    for (InstanceResult r : results) {
      if (!r.failed()) {
        continue;
      }
      List<Trigger> named = batch.byInstance().getOrDefault(r.id(), List.of());
      (named.contains(r.trigger()) ? named : List.of(r.trigger()))
          .forEach(t -> failed.add(t.messageId()));
    }
    if (runFailure.isPresent()) {
      failed.addAll(batch.reconcileRequests());
    }
    return failed.stream().distinct().toList();
  }
}
