package ddns.service;

import ddns.model.AlertKind;
import ddns.plan.ChangeAction;
import ddns.plan.PlannedChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's figures: in the summary, and as one CloudWatch Embedded Metric Format line in the log
 * stream, which CloudWatch turns into metrics without an API call.
 */
final class RunMetrics {
  static final String NAMESPACE = "route53-ddns";

  private RunMetrics() {}

  static Map<String, Long> of(List<Work> work, boolean reconcile, long durationMillis) {
    long created = 0;
    long updated = 0;
    long deleted = 0;
    long foreign = 0;
    long registryOnly = 0;
    for (Work w : work) {
      for (PlannedChange c : w.changes) {
        if (c.action() == ChangeAction.DELETE) {
          deleted++;
        } else if (c.creates()) {
          created++;
        } else {
          updated++;
        }
      }
      foreign += w.alerts.stream().filter(a -> a.kind() == AlertKind.FOREIGN_RECORD).count();
      if (w.action.equals(Work.DEREGISTER) && w.changes.isEmpty() && !w.failed()) {
        registryOnly++;
      }
    }
    Map<String, Long> metrics = new LinkedHashMap<>();
    metrics.put("RecordsCreated", created);
    metrics.put("RecordsUpdated", updated);
    metrics.put("RecordsDeleted", deleted);
    if (reconcile) {
      metrics.put("DriftFound", created + updated + deleted + registryOnly);
    }
    metrics.put("ForeignRecordConflicts", foreign);
    metrics.put("FailedInstances", work.stream().filter(Work::failed).count());
    metrics.put("Duration", durationMillis);
    return metrics;
  }

  /** The EMF document for these figures. */
  static Map<String, Object> emf(String mode, Map<String, Long> metrics, long timestampMillis) {
    List<Map<String, String>> definitions =
        metrics.keySet().stream()
            .map(
                name ->
                    Map.of(
                        "Name", name, "Unit", name.equals("Duration") ? "Milliseconds" : "Count"))
            .toList();
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
                    "Dimensions", List.of(List.of("Mode")),
                    "Metrics", definitions))));
    document.put("Mode", mode);
    document.putAll(metrics);
    return document;
  }
}
