package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.config.Config;
import ddns.event.InboundEvent;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.failure.ServiceFailure;
import ddns.log.JsonLog;
import ddns.run.Pipeline.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event path: one invocation's events, grouped per instance, their current state read in one
 * {@code DescribeInstances}, then the shared stages; schedules run a reconcile.
 */
final class EventRun {
  private final Config config;
  private final InstanceSource ec2;
  private final TableSetup table;
  private final Pipeline pipeline;
  private final Reconciler reconciler;
  private final JsonLog log;

  EventRun(
      Config config,
      InstanceSource ec2,
      TableSetup table,
      Pipeline pipeline,
      Reconciler reconciler,
      JsonLog log) {
    this.config = config;
    this.ec2 = ec2;
    this.table = table;
    this.pipeline = pipeline;
    this.reconciler = reconciler;
    this.log = log;
  }

  Summaries.Run handle(List<InboundEvent> events, long startedMillis) {
    EventBatch batch = EventBatch.of(events, config.rules(), log);
    boolean dryRun = config.dryRun();
    List<InstanceResult> results = new ArrayList<>();
    if (!batch.byInstance().isEmpty()) {
      results.addAll(instances(batch, dryRun));
    }
    Mode mode = Mode.EVENT;
    Optional<String> runFailure = Optional.empty();
    List<String> notes = new ArrayList<>(batch.notes());
    if (!batch.reconcileRequests().isEmpty()) {
      // One run serves every message of the batch that asks for one.
      mode = Mode.RECONCILE;
      Reconciler.Result run = reconciler.run(batch.reconcileRequests().get(0), dryRun);
      results.addAll(run.results());
      runFailure = run.failure();
      notes.addAll(run.notes());
    }
    return new Summaries.Run(
        mode,
        dryRun,
        results,
        runFailure,
        batch.rejected(),
        notes,
        failedMessages(batch, results, runFailure),
        startedMillis);
  }

  private List<InstanceResult> instances(EventBatch batch, boolean dryRun) {
    Map<InstanceId, InstanceFacts> facts;
    try {
      table.ensure(dryRun);
      facts = ec2.describe(batch.byInstance().keySet());
    } catch (ServiceFailure e) {
      log.error("batch failed", field("error", e.getMessage()));
      return batch.byInstance().entrySet().stream()
          .map(
              entry ->
                  InstanceResult.failedBeforePlanning(
                      entry.getKey(), EventBatch.last(entry.getValue()), e.getMessage()))
          .toList();
    }
    List<Subject> subjects = new ArrayList<>();
    batch
        .byInstance()
        .forEach(
            (id, triggers) ->
                subjects.add(
                    new Subject(
                        id, EventBatch.last(triggers), Optional.ofNullable(facts.get(id)))));
    List<InstanceResult> results =
        pipeline.alert(pipeline.run(subjects, dryRun, intents -> Optional.empty()), dryRun);
    results.forEach(
        r ->
            log.info(
                "instance handled",
                field("eventId", r.trigger().eventId()),
                field("messageId", r.trigger().messageId()),
                field("cause", r.trigger().cause().toString()),
                field("instanceId", r.id()),
                field("action", r.decision().action().toString()),
                field("outcome", r.outcome().outcome().toString()),
                field("changes", r.changes().size()),
                field("alerts", r.alerts().size())));
    return results;
  }

  /**
   * Rejected messages, and every message that named a failed instance (not only the one it was
   * handled for); a failed reconcile run fails every message that asked for it.
   */
  private static List<String> failedMessages(
      EventBatch batch, List<InstanceResult> results, Optional<String> runFailure) {
    List<String> failed = new ArrayList<>();
    batch.rejected().forEach(r -> failed.add(r.messageId()));
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
