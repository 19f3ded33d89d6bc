package ddns.service;

import ddns.config.Config;
import ddns.model.Alert;
import ddns.port.Alerts;
import ddns.port.ServiceFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gathers each instance's alerts (planning's and applying's), logs them and publishes them, one SNS
 * message per instance. A failed publish is logged and noted; it does not undo DNS work.
 */
final class AlertPublisher {
  private final Config config;
  private final Alerts alerts;
  private final JsonLog log;

  AlertPublisher(Config config, Alerts alerts, JsonLog log) {
    this.config = config;
    this.alerts = alerts;
    this.log = log;
  }

  void publish(List<Work> work, String region, String account, boolean dryRun) {
    Optional<String> topic = config.alertTopicFor(region, account);
    for (Work w : work) {
      List<Alert> all = new ArrayList<>(w.alerts);
      if (w.plan != null) {
        all.addAll(0, w.plan.alerts());
      }
      w.alerts.clear();
      w.alerts.addAll(all.stream().distinct().sorted().toList());
      if (w.alerts.isEmpty()) {
        continue;
      }
      w.alerts.forEach(
          a ->
              log.warn(
                  "alert",
                  "eventId",
                  w.trigger.eventId(),
                  "instanceId",
                  a.instanceId(),
                  "kind",
                  a.kind(),
                  "reason",
                  a.message()));
      if (dryRun || topic.isEmpty()) {
        continue;
      }
      try {
        alerts.publish(topic.get(), w.instanceId, w.alerts);
      } catch (ServiceFailure e) {
        w.notes.add("alert could not be published: " + e.getMessage());
        log.error("alert not published", "instanceId", w.instanceId, "error", e.getMessage());
      }
    }
  }
}
