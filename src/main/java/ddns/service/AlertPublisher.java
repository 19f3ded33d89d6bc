package ddns.service;

import ddns.config.Config;
import ddns.model.Alert;
import ddns.port.Alerts;
import ddns.port.OwnershipRegistry;
import ddns.port.ServiceFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gathers each instance's alerts (planning's and applying's), logs them and publishes them, one SNS
 * message per instance. An instance whose alerts are the same as those sent within the last {@link
 * #REMEMBER} is not alerted again (duplicate events and every reconcile run would otherwise repeat
 * them); the registry remembers what was sent, and DynamoDB's TTL forgets it. A failed publish is
 * logged and noted; it does not undo DNS work. Memory failures fail open: better a repeated alert
 * than a lost one.
 */
final class AlertPublisher {
  private final Config config;
  private final Alerts alerts;
  private final JsonLog log;
  private final OwnershipRegistry memory;
  private final Clock clock;

  /** How long an unchanged problem stays quiet after it was alerted. */
  static final Duration REMEMBER = Duration.ofHours(24);

  AlertPublisher(Config config, Alerts alerts, OwnershipRegistry memory, Clock clock, JsonLog log) {
    this.config = config;
    this.alerts = alerts;
    this.memory = memory;
    this.clock = clock;
    this.log = log;
  }

  void publish(List<Work> work, String region, String account, boolean dryRun) {
    Optional<String> topic = config.alertTopicFor(region, account);
    Map<String, String> fingerprints = new LinkedHashMap<>();
    for (Work w : work) {
      List<Alert> all = new ArrayList<>(w.alerts);
      if (w.plan != null) {
        all.addAll(0, w.plan.alerts());
      }
      w.alerts.clear();
      w.alerts.addAll(all.stream().distinct().sorted().toList());
      if (!w.alerts.isEmpty()) {
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
        fingerprints.put(w.instanceId, fingerprint(w.alerts));
      }
    }
    if (dryRun || topic.isEmpty() || fingerprints.isEmpty()) {
      return;
    }
    Map<String, String> sent = recall(fingerprints.keySet());
    Map<String, String> published = new LinkedHashMap<>();
    for (Work w : work) {
      String fingerprint = fingerprints.get(w.instanceId);
      if (fingerprint == null) {
        continue;
      }
      if (fingerprint.equals(sent.get(w.instanceId))) {
        w.notes.add(
            "alert not sent again: the same problems were alerted within "
                + REMEMBER.toHours()
                + " h");
        continue;
      }
      try {
        alerts.publish(topic.get(), w.instanceId, w.alerts);
        published.put(w.instanceId, fingerprint);
      } catch (ServiceFailure e) {
        w.notes.add("alert could not be published: " + e.getMessage());
        log.error("alert not published", "instanceId", w.instanceId, "error", e.getMessage());
      }
    }
    remember(published);
  }

  private Map<String, String> recall(Set<String> instanceIds) {
    try {
      return memory.alertFingerprints(instanceIds, clock.instant());
    } catch (ServiceFailure e) {
      log.warn("alerts sent before could not be read; alerting anyway", "error", e.getMessage());
      return Map.of();
    }
  }

  private void remember(Map<String, String> published) {
    try {
      memory.rememberAlerts(published, clock.instant().plus(REMEMBER));
    } catch (ServiceFailure e) {
      log.warn(
          "alerts sent could not be remembered; they may be sent again", "error", e.getMessage());
    }
  }

  /** The same problems give the same fingerprint, whatever event or run found them. */
  static String fingerprint(List<Alert> alerts) {
    StringBuilder text = new StringBuilder();
    alerts.stream()
        .sorted()
        .forEach(a -> text.append(a.kind()).append(':').append(a.message()).append('\n'));
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
