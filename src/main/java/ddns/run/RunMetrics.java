package ddns.run;

import ddns.alert.AlertKind;
import ddns.job.Mode;
import ddns.plan.ChangeAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's figures: in the summary, and as one CloudWatch Embedded Metric Format line in the log
 * stream, which CloudWatch turns into metrics without an API call. The {@code Service} dimension
 * keeps two deployments (stacks) in one account apart.
 */
final class RunMetrics {
  static final String NAMESPACE = "route53-ddns";

  /** CloudWatch units of the figures. */
  enum Unit {
    COUNT("Count"),
    MILLISECONDS("Milliseconds");

    final String cloudWatchName;

    Unit(String cloudWatchName) {
      this.cloudWatchName = cloudWatchName;
    }
  }

  private RunMetrics() {}

  /**
   * @param runFailed the run failed as a whole (a reconcile that could not read), counted as one
   *     failed instance
   */
  static Map<String, Long> of(
      List<InstanceResult> results, Mode mode, boolean runFailed, long durationMillis) {
    long created = 0;
    long updated = 0;
    long deleted = 0;
    long foreign = 0;
    long registryOnly = 0;
    long failed = runFailed ? 1 : 0;
    for (InstanceResult r : results) {
      created += r.count(ChangeAction.UPSERT, true);
      updated += r.count(ChangeAction.UPSERT, false);
      deleted += r.count(ChangeAction.DELETE, false);
      foreign += r.alerts().stream().filter(a -> a.kind() == AlertKind.FOREIGN_RECORD).count();
      registryOnly += r.deregisteredOnlyInRegistry() ? 1 : 0;
      failed += r.failed() ? 1 : 0;
    }
    Map<String, Long> metrics = new LinkedHashMap<>();
    metrics.put("RecordsCreated", created);
    metrics.put("RecordsUpdated", updated);
    metrics.put("RecordsDeleted", deleted);
    if (mode != Mode.EVENT) {
      metrics.put("DriftFound", created + updated + deleted + registryOnly);
    }
    metrics.put("ForeignRecordConflicts", foreign);
    metrics.put("FailedInstances", failed);
    metrics.put("Duration", durationMillis);
    return metrics;
  }

  static Unit unitOf(String metric) {
    return metric.equals("Duration") ? Unit.MILLISECONDS : Unit.COUNT;
  }

  /** Milliseconds from an event to Route 53 accepting the change: one value per instance. */
  static final String TIME_TO_SUBMIT = "TimeToSubmit";

  /** Milliseconds from a lifecycle event to Route 53's {@code INSYNC}: one value per launch. */
  static final String TIME_TO_DNS = "TimeToDns";

  /** The EMF document for these figures. */
  static Map<String, Object> emf(
      String service, Mode mode, Map<String, Long> metrics, long timestampMillis) {
    return emf(service, mode, metrics, List.of(), List.of(), timestampMillis);
  }

  /**
   * @param timesToSubmit milliseconds from each instance's event to its change accepted
   * @param timesToDns milliseconds from each launch's lifecycle event to its records in sync (EMF's
   *     list of values: CloudWatch keeps each, for percentiles); none: no such metric
   */
  static Map<String, Object> emf(
      String service,
      Mode mode,
      Map<String, Long> metrics,
      List<Long> timesToSubmit,
      List<Long> timesToDns,
      long timestampMillis) {
    List<Map<String, String>> definitions = new java.util.ArrayList<>();
    metrics
        .keySet()
        .forEach(
            name -> definitions.add(Map.of("Name", name, "Unit", unitOf(name).cloudWatchName)));
    Map<String, List<Long>> samples = new LinkedHashMap<>();
    if (!timesToSubmit.isEmpty()) {
      samples.put(TIME_TO_SUBMIT, List.copyOf(timesToSubmit));
    }
    if (!timesToDns.isEmpty()) {
      samples.put(TIME_TO_DNS, List.copyOf(timesToDns));
    }
    samples
        .keySet()
        .forEach(
            name ->
                definitions.add(Map.of("Name", name, "Unit", Unit.MILLISECONDS.cloudWatchName)));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put(
        "_aws",
        Map.of(
            "Timestamp",
            timestampMillis,
            "CloudWatchMetrics",
            List.of(
                Map.of(
                    "Namespace", NAMESPACE,
                    "Dimensions", List.of(List.of("Service", "Mode")),
                    "Metrics", definitions))));
    document.put("Service", service);
    document.put("Mode", mode.toString());
    document.putAll(metrics);
    document.putAll(samples);
    return document;
  }
}
