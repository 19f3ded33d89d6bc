package ddns.service;

import java.util.List;
import java.util.Map;

/**
 * What one invocation did (DESIGN section 8): per instance the action, the changes applied per zone
 * and the alerts; the events rejected; the AWS API calls made.
 *
 * @param failedMessageIds messages to retry (SQS {@code batchItemFailures}), including rejected
 *     ones
 */
public record Summary(
    String mode,
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
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    apiCalls = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(apiCalls));
    failedMessageIds = List.copyOf(failedMessageIds);
  }

  /** CLI exit status: 1 when something failed after retries, 2 when input was rejected, else 0. */
  public int exitStatus() {
    if (instances.stream().anyMatch(i -> i.outcome().equals(InstanceOutcome.FAILED))) {
      return 1;
    }
    return rejected.isEmpty() ? 0 : 2;
  }

  /** One instance of the batch. */
  public record InstanceOutcome(
      String instanceId,
      String action,
      String state,
      String outcome,
      List<ChangeView> changes,
      List<String> zoneActions,
      List<AlertView> alerts,
      List<String> notes,
      String error) {
    public static final String DONE = "done";
    public static final String FAILED = "failed";
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
