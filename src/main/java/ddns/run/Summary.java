package ddns.run;

import ddns.job.Mode;
import ddns.plan.Action;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one invocation did (docs/behaviour.md, "Output"): per instance the action, the changes
 * applied per zone and the alerts; the events rejected; the AWS API calls made.
 *
 * @param failedMessageIds messages to retry (SQS {@code batchItemFailures}), including rejected
 *     ones
 */
public record Summary(
    Mode mode,
    boolean dryRun,
    List<InstanceOutcome> instances,
    List<RejectedEvent> rejected,
    List<String> notes,
    Map<String, Long> metrics,
    Map<String, Integer> apiCalls,
    int apiCallsTotal,
    List<String> failedMessageIds) {

  public Summary {
    instances = List.copyOf(instances);
    rejected = List.copyOf(rejected);
    notes = List.copyOf(notes);
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    apiCalls = Collections.unmodifiableMap(new TreeMap<>(apiCalls));
    failedMessageIds = List.copyOf(failedMessageIds);
  }

  /**
   * The figures of the run, of a size that does not grow with the batch: what the Lambda answers
   * (the whole summary goes to the log, one line per instance).
   */
  public Counts counts() {
    int registered = 0;
    int deregistered = 0;
    int skipped = 0;
    int failed = 0;
    int changes = 0;
    int alerts = 0;
    for (InstanceOutcome i : instances) {
      switch (i.action()) {
        case REGISTER -> registered++;
        case DEREGISTER -> deregistered++;
        case SKIP -> skipped++;
      }
      failed += i.outcome() == Outcome.FAILED ? 1 : 0;
      changes += i.changes().size();
      alerts += i.alerts().size();
    }
    return new Counts(
        mode,
        dryRun,
        instances.size(),
        registered,
        deregistered,
        skipped,
        failed,
        rejected.size(),
        changes,
        alerts,
        apiCallsTotal,
        failedMessageIds.size());
  }

  /** The run in figures (docs/behaviour.md, "Output"). */
  public record Counts(
      Mode mode,
      boolean dryRun,
      int instances,
      int registered,
      int deregistered,
      int skipped,
      int failed,
      int rejected,
      int changes,
      int alerts,
      int apiCalls,
      int failedMessages) {}

  /**
   * CLI exit status: 1 when something failed after retries (an instance, or an account and region
   * that could not be read), 2 when input was rejected, else 0.
   */
  public int exitStatus() {
    if (instances.stream().anyMatch(i -> i.outcome() == Outcome.FAILED)) {
      return 1;
    }
    List<String> rejectedIds = rejected.stream().map(RejectedEvent::messageId).toList();
    if (!rejectedIds.containsAll(failedMessageIds)) {
      return 1;
    }
    return rejected.isEmpty() ? 0 : 2;
  }

  /**
   * One instance of the batch. {@code instanceId} is the instance's id, or {@code (reconcile)} for
   * a reconcile run that failed as a whole; {@code state} is EC2's state or {@code unknown to EC2}.
   */
  public record InstanceOutcome(
      String instanceId,
      Action action,
      String state,
      Outcome outcome,
      List<ChangeView> changes,
      List<String> zoneActions,
      List<AlertView> alerts,
      List<String> notes,
      String error) {
    public InstanceOutcome {
      changes = List.copyOf(changes);
      zoneActions = List.copyOf(zoneActions);
      alerts = List.copyOf(alerts);
      notes = List.copyOf(notes);
    }
  }

  /** One record-set change, as sent to Route 53. */
  public record ChangeView(
      String zoneId,
      String zone,
      String action,
      String name,
      String type,
      long ttl,
      List<String> values) {}

  public record AlertView(String kind, String message) {}

  public record RejectedEvent(String messageId, String error) {}
}
