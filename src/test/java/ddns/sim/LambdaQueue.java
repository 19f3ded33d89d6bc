package ddns.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ddns.apply.Deadline;
import ddns.event.EventDecoder;
import ddns.event.InboundEvent;
import ddns.run.Summary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stack's event queue in front of the function, as SQS and Lambda's event source mapping run it
 * (template.yaml's settings): a free container's poller waits for a message, gathers for the
 * batching window, then takes up to the batch size, sharing what arrived with the other pollers
 * gathering at the same time (each receives ten at a time, in turn); at most {@code concurrency}
 * containers, each running one invocation at a time within the function's timeout. A message the
 * invocation reports failed (or every message of an invocation that overran its timeout) comes back
 * after the visibility timeout, and after {@code maxReceive} receives goes to the dead-letter
 * queue.
 */
public final class LambdaQueue {
  private static final ObjectMapper JSON = ddns.app.Application.objectMapper();
  private static final Duration IDLE_POLL = Duration.ofSeconds(1);

  /** The event source mapping's and the function's settings. */
  public record Settings(
      int concurrency,
      int batchSize,
      Duration window,
      Duration timeout,
      Duration visibility,
      int maxReceive) {}

  private record Message(long seq, String id, String body, Instant visibleAt, int receives) {}

  /** One unit of work as it ran: its workplace, how long it took, whether it failed. */
  public record Unit(String workplace, Duration took, boolean failed) {}

  private final Settings settings;
  private final List<Message> messages = new ArrayList<>();
  private final List<Unit> units = new ArrayList<>();
  private final EventDecoder decoder = new EventDecoder(JSON);
  private long seq;
  private int inFlight;
  private int gathering;
  private boolean producing;
  private Instant until;
  private Instant lastDone = Simulation.EPOCH;
  private int invocations;
  private int timedOut;
  private int redelivered;
  private int deadLetters;
  private int sent;

  public LambdaQueue(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /** SQS SendMessage: the message is visible from {@code visibleAt} (its delay). */
  void send(String body, Instant visibleAt) {
    sent++;
    messages.add(new Message(seq, "msg-" + seq, body, visibleAt, 0));
    seq++;
  }

  /**
   * A new round: the pollers serve until nothing is left and nothing more can come (the producer
   * done), or until {@code until}.
   */
  public void startRound(Instant start, Instant until) {
    this.producing = true;
    this.lastDone = start;
    this.until = until;
    units.clear();
    invocations = timedOut = redelivered = deadLetters = sent = 0;
  }

  /** The producer (the scheduled invocation) is done sending; called in its turn. */
  public void producerDone() {
    producing = false;
  }

  /** A container's poller and invocations, until the round is over. */
  public void serve(Container container, Simulation.Actor actor) {
    while (true) {
      actor.sync();
      Instant now = actor.now();
      if (now.isAfter(until) || (!producing && messages.isEmpty() && inFlight == 0)) {
        return;
      }
      if (visible(now) == 0) {
        actor.advance(IDLE_POLL);
        continue;
      }
      gathering++;
      actor.advance(settings.window());
      actor.sync();
      int share = (visible(actor.now()) + gathering - 1) / gathering;
      gathering--;
      List<Message> batch = take(actor.now(), Math.min(settings.batchSize(), share));
      if (!batch.isEmpty()) {
        invoke(container, actor, batch);
      }
    }
  }

  private int visible(Instant now) {
    return (int) messages.stream().filter(m -> !m.visibleAt().isAfter(now)).count();
  }

  private List<Message> take(Instant now, int most) {
    List<Message> batch =
        messages.stream()
            .filter(m -> !m.visibleAt().isAfter(now))
            .sorted(Comparator.comparingLong(Message::seq))
            .limit(most)
            .toList();
    messages.removeAll(batch);
    return batch;
  }

  private void invoke(Container container, Simulation.Actor actor, List<Message> batch) {
    inFlight++;
    invocations++;
    Instant received = actor.now();
    if (container.firstInvocation()) {
      actor.advance(Latency.COLD_START);
    }
    container.drainLogs();
    Instant started = actor.now();
    List<InboundEvent> events = decoder.decode(sqsEvent(batch)).events();
    Summary summary =
        container
            .service()
            .handle(events, Deadline.ofRemaining(settings.timeout(), container.clock));
    actor.sync();
    boolean overran = Duration.between(received, actor.now()).compareTo(settings.timeout()) > 0;
    Set<String> failed = new HashSet<>(summary.failedMessageIds());
    if (overran) {
      timedOut++;
      batch.forEach(m -> failed.add(m.id()));
    }
    recordUnits(container.drainLogs(), started, batch, failed);
    for (Message m : batch) {
      if (!failed.contains(m.id())) {
        continue;
      }
      if (m.receives() + 1 >= settings.maxReceive()) {
        deadLetters++;
      } else {
        redelivered++;
        messages.add(
            new Message(
                m.seq(), m.id(), m.body(), received.plus(settings.visibility()), m.receives() + 1));
      }
    }
    inFlight--;
    lastDone = actor.now().isAfter(lastDone) ? actor.now() : lastDone;
  }

  /** Each unit's duration, from the log line the reconcile writes as it ends. */
  private void recordUnits(String log, Instant started, List<Message> batch, Set<String> failed) {
    Map<String, Message> byId = new LinkedHashMap<>();
    batch.forEach(m -> byId.put(m.id(), m));
    Instant previous = started;
    for (String line : log.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode entry = read(line);
      String message = entry.path("message").asText();
      Message unit = byId.get(entry.path("runId").asText());
      if (unit == null || !(message.equals("reconciled") || message.equals("reconcile failed"))) {
        continue;
      }
      Instant at = Instant.parse(entry.path("timestamp").asText());
      JsonNode body = read(unit.body());
      units.add(
          new Unit(
              body.path("account").asText() + "/" + body.path("region").asText(),
              Duration.between(previous, at),
              failed.contains(unit.id())));
      previous = at;
    }
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sqsEvent(List<Message> batch) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode records = root.putArray("Records");
    for (Message m : batch) {
      ObjectNode r = records.addObject();
      r.put("messageId", m.id());
      r.put("body", m.body());
      r.put("eventSource", "aws:sqs");
      r.putObject("attributes").put("ApproximateReceiveCount", String.valueOf(m.receives() + 1));
    }
    return root.toString();
  }

  public List<Unit> units() {
    return List.copyOf(units);
  }

  /** When the last invocation of the round ended. */
  public Instant lastDone() {
    return lastDone;
  }

  /** Messages still queued (or coming back) when the round ended. */
  public int left() {
    return messages.size();
  }

  public int invocations() {
    return invocations;
  }

  public int timedOut() {
    return timedOut;
  }

  public int redelivered() {
    return redelivered;
  }

  public int deadLetters() {
    return deadLetters;
  }

  public int sent() {
    return sent;
  }
}
