package ddns.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import ddns.aws.sqs.SqsQueues.Depth;
import java.util.List;

/**
 * What {@code ddns status} reports of a deployed stack. A figure that could not be had is absent,
 * (null) with the reason in {@code unknown}.
 *
 * @param oldestEventSeconds the event queue's oldest message, CloudWatch's latest {@code
 *     ApproximateAgeOfOldestMessage}
 * @param failedInstancesLastDay {@code FailedInstances} summed over 24 hours, events and reconcile
 *     runs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StackStatus(
    String stack,
    String stackStatus,
    String registryTable,
    Depth eventQueue,
    Double oldestEventSeconds,
    Depth deadLetters,
    Depth failedReconcileRuns,
    LastReconcile lastReconcile,
    Long failedInstancesLastDay,
    List<Rule> rules,
    long zonesCreated,
    Long accountZones,
    Long accountZoneLimit,
    List<String> unknown) {

  /** The newest reconcile run CloudWatch has figures of. */
  record LastReconcile(String at, long driftFound, long failedInstances) {}

  /** One of the stack's rules, and whether it is on. */
  record Rule(String logicalId, String name, boolean enabled) {}

  StackStatus {
    rules = List.copyOf(rules);
    unknown = List.copyOf(unknown);
  }

  String render() {
    StringBuilder text = new StringBuilder();
    text.append("Stack ").append(stack).append(" (").append(stackStatus).append(")\n");
    line(text, "registry table", registryTable);
    line(
        text,
        "event queue",
        eventQueue.waiting()
            + " waiting, "
            + eventQueue.inFlight()
            + " in flight; oldest "
            + (oldestEventSeconds == null ? "unknown" : Math.round(oldestEventSeconds) + " s"));
    line(
        text,
        "dead letters",
        deadLetters.waiting()
            + (deadLetters.waiting() > 0
                ? " (ddns redrive --stack " + stack + " sends them back)"
                : ""));
    line(
        text,
        "failed reconcile runs",
        failedReconcileRuns.waiting() + " (ReconcileFailureQueueUrl)");
    line(
        text,
        "last reconcile",
        lastReconcile == null
            ? "none reported in the last 24 hours"
            : lastReconcile.at()
                + ": drift "
                + lastReconcile.driftFound()
                + ", failed instances "
                + lastReconcile.failedInstances());
    line(text, "failed instances, 24 h", String.valueOf(failedInstancesLastDay));
    long on = rules.stream().filter(Rule::enabled).count();
    line(text, "rules", on + " enabled, " + (rules.size() - on) + " disabled");
    for (Rule rule : rules) {
      text.append("    ")
          .append(rule.enabled() ? "enabled   " : "DISABLED  ")
          .append(rule.logicalId())
          .append(" (")
          .append(rule.name())
          .append(")\n");
    }
    line(
        text,
        "zones created",
        zonesCreated
            + " by the tool; the account has "
            + (accountZones == null ? "unknown" : accountZones)
            + " of "
            + (accountZoneLimit == null ? "unknown" : accountZoneLimit)
            + " hosted zones allowed");
    for (String reason : unknown) {
      text.append("unknown: ").append(reason).append('\n');
    }
    return text.toString();
  }

  private static void line(StringBuilder text, String label, String value) {
    text.append(String.format("%-24s%s%n", label + ":", value));
  }
}
