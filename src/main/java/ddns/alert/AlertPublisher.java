package ddns.alert;

import static ddns.log.JsonLog.field;

import ddns.facts.InstanceId;
import ddns.failure.ServiceFailure;
import ddns.job.RunContext;
import ddns.log.JsonLog;
import ddns.registry.AlertMemory;
import ddns.registry.AlertMemory.Memory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Publishes one run's alerts as one {@link Digest}: every instance with new alerts, and every
 * workplace that could not be read. A subject (instance or workplace) whose alerts are the same as
 * those sent within the last {@link #REMEMBER} is left out (duplicate events and every reconcile
 * run would otherwise repeat them); {@link AlertMemory} remembers what was sent, and DynamoDB's TTL
 * forgets it. Each memory lasts {@link #REMEMBER} plus a share of {@link #SPREAD} drawn from its
 * subject, so the memories one run writes do not all expire, and come back, in the same run a day
 * later. A failed publish is logged and noted; it does not undo DNS work. Memory failures fail
 * open: better a repeated alert than a lost one.
 */
public final class AlertPublisher {
  /** How long an unchanged problem stays quiet after it was alerted, at least. */
  public static final Duration REMEMBER = Duration.ofHours(24);

  /**
   * How far beyond {@link #REMEMBER} the memories are spread: 16 runs at the default 15-minute
   * schedule.
   */
  public static final Duration SPREAD = Duration.ofHours(4);

  private final Alerts alerts;
  private final Optional<String> topic;
  private final DefaultTopic defaultTopic;
  private final AlertMemory memory;
  private final Clock clock;
  private final JsonLog log;

  /** What was not sent, and why, per instance and per workplace notice. */
  public record Published(
      Map<InstanceId, List<String>> notes, Map<String, List<String>> workplaceNotes) {
    public Published {
      notes = Map.copyOf(notes);
      workplaceNotes = Map.copyOf(workplaceNotes);
    }
  }

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
   * Publishes the run's alerts as one message (nothing in a dry run).
   *
   * @param byInstance each instance's alerts
   * @param workplaces a message per workplace that could not be read, by subject (such as {@code
   *     account 222222222222 eu-west-1 unreachable})
   */
  public Published publish(
      Map<InstanceId, List<Alert>> byInstance, Map<String, String> workplaces, RunContext context) {
    Map<String, String> fingerprints = new TreeMap<>();
    Map<String, InstanceId> instanceOf = new TreeMap<>();
    byInstance.forEach(
        (id, list) -> {
          if (!list.isEmpty()) {
            fingerprints.put(id.value(), fingerprint(list));
            instanceOf.put(id.value(), id);
          }
        });
    workplaces.forEach((subject, message) -> fingerprints.put(subject, fingerprint(message)));
    Map<String, List<String>> notes = new TreeMap<>();
    if (!context.dryRun() && !fingerprints.isEmpty()) {
      send(fingerprints, byInstance, instanceOf, workplaces, notes);
    }
    Map<InstanceId, List<String>> instanceNotes = new TreeMap<>();
    Map<String, List<String>> workplaceNotes = new TreeMap<>();
    notes.forEach(
        (subject, list) -> {
          if (instanceOf.containsKey(subject)) {
            instanceNotes.put(instanceOf.get(subject), list);
          } else {
            workplaceNotes.put(subject, list);
          }
        });
    return new Published(instanceNotes, workplaceNotes);
  }

  /** Publishes the digest of what was not sent within {@link #REMEMBER}, and remembers it. */
  private void send(
      Map<String, String> fingerprints,
      Map<InstanceId, List<Alert>> byInstance,
      Map<String, InstanceId> instanceOf,
      Map<String, String> workplaces,
      Map<String, List<String>> notes) {
    String arn;
    try {
      arn = topic.orElseGet(defaultTopic::arn);
    } catch (ServiceFailure e) {
      log.error("alert topic unknown", field("error", e.getMessage()));
      fingerprints
          .keySet()
          .forEach(s -> note(notes, s, "alert could not be published: " + e.getMessage()));
      return;
    }
    Instant now = clock.instant();
    Map<String, String> sent = recall(fingerprints.keySet(), now);
    Map<InstanceId, List<Alert>> newInstances = new TreeMap<>();
    Map<String, String> newWorkplaces = new TreeMap<>();
    fingerprints.forEach(
        (subject, fingerprint) -> {
          if (fingerprint.equals(sent.get(subject))) {
            note(
                notes,
                subject,
                "alert not sent again: the same problems were alerted within "
                    + REMEMBER.toHours()
                    + " h");
          } else if (instanceOf.containsKey(subject)) {
            newInstances.put(instanceOf.get(subject), byInstance.get(instanceOf.get(subject)));
          } else {
            newWorkplaces.put(subject, workplaces.get(subject));
          }
        });
    if (!newInstances.isEmpty() || !newWorkplaces.isEmpty()) {
      publishDigest(arn, Digest.of(newWorkplaces, newInstances), fingerprints, now, notes);
    }
  }

  /** Publishes one digest, notes what it only counted, and remembers every subject in it. */
  private void publishDigest(
      String arn,
      Digest digest,
      Map<String, String> fingerprints,
      Instant now,
      Map<String, List<String>> notes) {
    List<String> subjects = new ArrayList<>(digest.workplaces());
    digest.instances().forEach(id -> subjects.add(id.value()));
    try {
      alerts.publish(arn, digest);
    } catch (ServiceFailure e) {
      subjects.forEach(s -> note(notes, s, "alert could not be published: " + e.getMessage()));
      log.error(
          "alert digest not published",
          field("instances", digest.instances().size()),
          field("workplaces", digest.workplaces().size()),
          field("error", e.getMessage()));
      return;
    }
    log.info(
        "alert digest published",
        field("subject", digest.subject()),
        field("instances", digest.instances().size()),
        field("workplaces", digest.workplaces().size()),
        field("countedOnly", digest.leftOut().size()));
    digest
        .leftOut()
        .forEach(
            id ->
                note(
                    notes,
                    id.value(),
                    "alerted in the run's digest by count only (the message was full); its alerts"
                        + " are in the logs"));
    List<Memory> memories = new ArrayList<>();
    subjects.forEach(
        s -> {
          String fingerprint = fingerprints.get(s);
          memories.add(new Memory(s, fingerprint, expiry(now, s, fingerprint)));
        });
    remember(memories);
  }

  /**
   * {@link #REMEMBER} plus a share of {@link #SPREAD} drawn from the subject and what it was
   * alerted for: the same for the same two, spread evenly across a fleet.
   */
  static Instant expiry(Instant now, String subject, String fingerprint) {
    byte[] hash = sha256(subject + "\n" + fingerprint);
    long offset = Math.floorMod(ByteBuffer.wrap(hash).getLong(), SPREAD.toSeconds());
    return now.plus(REMEMBER).plusSeconds(offset);
  }

  private static void note(Map<String, List<String>> notes, String subject, String note) {
    notes.computeIfAbsent(subject, k -> new ArrayList<>()).add(note);
  }

  private Map<String, String> recall(java.util.Collection<String> subjects, Instant now) {
    try {
      return memory.recall(subjects, now);
    } catch (ServiceFailure e) {
      log.warn(
          "alerts sent before could not be read; alerting anyway", field("error", e.getMessage()));
      return Map.of();
    }
  }

  private void remember(List<Memory> memories) {
    try {
      memory.remember(memories);
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
    return HexFormat.of().formatHex(sha256(text));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
