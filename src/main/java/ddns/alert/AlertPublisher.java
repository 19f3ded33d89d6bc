package ddns.alert;

import static ddns.log.JsonLog.field;

import ddns.facts.InstanceId;
import ddns.failure.ServiceFailure;
import ddns.log.JsonLog;
import ddns.registry.AlertMemory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Publishes each instance's alerts as one SNS message. An instance whose alerts are the same as
 * those sent within the last {@link #REMEMBER} is not alerted again (duplicate events and every
 * reconcile run would otherwise repeat them); {@link AlertMemory} remembers what was sent, and
 * DynamoDB's TTL forgets it. A failed publish is logged and noted; it does not undo DNS work.
 * Memory failures fail open: better a repeated alert than a lost one.
 */
public final class AlertPublisher {
  /** How long an unchanged problem stays quiet after it was alerted. */
  public static final Duration REMEMBER = Duration.ofHours(24);

  private final Alerts alerts;
  private final Optional<String> topic;
  private final DefaultTopic defaultTopic;
  private final AlertMemory memory;
  private final Clock clock;
  private final JsonLog log;

  /**
   * @param topic the topic set by the operator; when empty, {@code defaultTopic} (the tool's own)
   */
  public AlertPublisher(
      Alerts alerts,
      Optional<String> topic,
      DefaultTopic defaultTopic,
      AlertMemory memory,
      Clock clock,
      JsonLog log) {
    this.alerts = alerts;
    this.topic = topic;
    this.defaultTopic = defaultTopic;
    this.memory = memory;
    this.clock = clock;
    this.log = log;
  }

  /**
   * Publishes the alerts of each instance (nothing in a dry run).
   *
   * @return notes per instance, for what was not sent and why
   */
  public Map<InstanceId, List<String>> publish(
      Map<InstanceId, List<Alert>> byInstance, boolean dryRun) {
    Map<InstanceId, String> fingerprints = new TreeMap<>();
    byInstance.forEach(
        (id, list) -> {
          if (!list.isEmpty()) {
            fingerprints.put(id, fingerprint(list));
          }
        });
    return publishEach(
        fingerprints,
        InstanceId::value,
        (arn, id) -> alerts.publish(arn, id, byInstance.get(id)),
        dryRun);
  }

  /**
   * Publishes one message per subject that is not an instance (a workplace the tool cannot reach),
   * remembered like an instance's alerts (nothing in a dry run).
   *
   * @param messages the message per subject, such as {@code account 222222222222, eu-west-1}
   * @return notes per subject, for what was not sent and why
   */
  public Map<String, List<String>> notify(Map<String, String> messages, boolean dryRun) {
    Map<String, String> fingerprints = new TreeMap<>();
    messages.forEach((subject, message) -> fingerprints.put(subject, fingerprint(message)));
    return publishEach(
        fingerprints,
        subject -> subject,
        (arn, subject) -> alerts.notify(arn, subject, messages.get(subject)),
        dryRun);
  }

  /** Publishes what was not sent within {@link #REMEMBER}, and remembers it. */
  private <K extends Comparable<K>> Map<K, List<String>> publishEach(
      Map<K, String> fingerprints,
      Function<K, String> subjectOf,
      BiConsumer<String, K> send,
      boolean dryRun) {
    Map<K, List<String>> notes = new TreeMap<>();
    if (dryRun || fingerprints.isEmpty()) {
      return notes;
    }
    String arn;
    try {
      arn = topic.orElseGet(defaultTopic::arn);
    } catch (ServiceFailure e) {
      log.error("alert topic unknown", field("error", e.getMessage()));
      fingerprints
          .keySet()
          .forEach(id -> note(notes, id, "alert could not be published: " + e.getMessage()));
      return notes;
    }
    Map<String, String> sent = recall(fingerprints.keySet().stream().map(subjectOf).toList());
    Map<String, String> published = new TreeMap<>();
    fingerprints.forEach(
        (id, fingerprint) -> {
          String subject = subjectOf.apply(id);
          if (fingerprint.equals(sent.get(subject))) {
            note(
                notes,
                id,
                "alert not sent again: the same problems were alerted within "
                    + REMEMBER.toHours()
                    + " h");
            return;
          }
          try {
            send.accept(arn, id);
            published.put(subject, fingerprint);
          } catch (ServiceFailure e) {
            note(notes, id, "alert could not be published: " + e.getMessage());
            log.error(
                "alert not published", field("about", subject), field("error", e.getMessage()));
          }
        });
    remember(published);
    return notes;
  }

  private static <K> void note(Map<K, List<String>> notes, K id, String note) {
    notes.computeIfAbsent(id, k -> new ArrayList<>()).add(note);
  }

  private Map<String, String> recall(List<String> subjects) {
    try {
      return memory.recall(subjects, clock.instant());
    } catch (ServiceFailure e) {
      log.warn(
          "alerts sent before could not be read; alerting anyway", field("error", e.getMessage()));
      return Map.of();
    }
  }

  private void remember(Map<String, String> published) {
    if (published.isEmpty()) {
      return;
    }
    try {
      memory.remember(published, clock.instant().plus(REMEMBER));
    } catch (ServiceFailure e) {
      log.warn(
          "alerts sent could not be remembered; they may be sent again",
          field("error", e.getMessage()));
    }
  }

  /** The same problems give the same fingerprint, whatever event or run found them. */
  static String fingerprint(List<Alert> alerts) {
    StringBuilder text = new StringBuilder();
    alerts.stream()
        .sorted()
        .forEach(a -> text.append(a.kind()).append(':').append(a.message()).append('\n'));
    return fingerprint(text.toString());
  }

  private static String fingerprint(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
