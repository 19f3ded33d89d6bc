package ddns.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * SQS in front of Lambda in real time, as an event source mapping with a batching window drives the
 * function: messages are added while it runs; up to {@code concurrency} pollers each gather a batch
 * (starting when the first message reaches them, ending when the window has passed or the batch is
 * full) and invoke their own container with it. What is and is not modelled is listed in {@link
 * SpreadBurstBenchmarkTest}.
 */
final class WindowedPoller {

  /** One function container: invoked with an SQS batch, it answers the ids of failed messages. */
  interface Container extends AutoCloseable {
    List<String> invoke(String sqsBatch) throws Exception;

    @Override
    void close();
  }

  /**
   * The event source mapping and queue settings.
   *
   * @param visibility how long a failed message stays invisible before it comes back
   */
  record Settings(
      int concurrency, int batchSize, Duration window, int maxReceive, Duration visibility) {}

  /** One invocation: its batch size and how long the function ran. */
  record Invocation(int messages, double seconds, boolean failed) {}

  /**
   * What the run did.
   *
   * @param timesToDns per message handled, seconds from its first enqueueing to the end of the
   *     invocation that handled it
   */
  record Outcome(
      List<Invocation> invocations,
      int failedMessages,
      int redeliveries,
      List<String> deadLetters,
      List<Double> timesToDns,
      List<String> errors) {}

  private record Message(String body, long enqueuedAt, long visibleAt, int received) {}

  private final Settings settings;
  private final int expected;
  private final PriorityQueue<Message> queue =
      new PriorityQueue<>(Comparator.comparingLong(Message::visibleAt));
  private final List<Invocation> invocations = new ArrayList<>();
  private final List<String> deadLetters = new ArrayList<>();
  private final List<Double> timesToDns = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private int added;
  private int inFlight;
  private int failedMessages;
  private int redeliveries;

  /** A poller for {@code expected} messages: it stops once all were added and settled. */
  WindowedPoller(Settings settings, int expected) {
    this.settings = settings;
    this.expected = expected;
  }

  /** A message enters the queue now. */
  synchronized void add(String body) {
    long now = System.nanoTime();
    queue.add(new Message(body, now, now, 0));
    added++;
    notifyAll();
  }

  /**
   * Runs the pollers until every expected message was added and handled or dead-lettered; fails
   * when that takes longer than {@code limit}.
   */
  Outcome run(Supplier<Container> containers, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
    try {
      List<Future<?>> slots = new ArrayList<>();
      for (int i = 0; i < settings.concurrency(); i++) {
        slots.add(pool.submit(() -> poll(containers)));
      }
      for (Future<?> slot : slots) {
        slot.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    synchronized (this) {
      return new Outcome(
          List.copyOf(invocations),
          failedMessages,
          redeliveries,
          List.copyOf(deadLetters),
          List.copyOf(timesToDns),
          List.copyOf(errors));
    }
  }

  /** One poller: its container is started on its first batch and serves every later one. */
  private Void poll(Supplier<Container> containers) throws InterruptedException {
    Container container = null;
    try {
      for (List<Message> batch = gather(); !batch.isEmpty(); batch = gather()) {
        if (container == null) {
          container = containers.get();
        }
        invoke(container, batch);
      }
    } finally {
      if (container != null) {
        container.close();
      }
    }
    return null;
  }

  /**
   * The next batch: waits for a visible message, then keeps receiving until the window has passed
   * since that first one or the batch is full. Empty when nothing is left to come.
   */
  private synchronized List<Message> gather() throws InterruptedException {
    while (!visible()) {
      if (added == expected && queue.isEmpty() && inFlight == 0) {
        return List.of();
      }
      waitAtMost(queue.isEmpty() ? Long.MAX_VALUE : queue.peek().visibleAt());
    }
    inFlight++;
    long windowEnd = System.nanoTime() + settings.window().toNanos();
    List<Message> batch = new ArrayList<>();
    receive(batch);
    while (batch.size() < settings.batchSize() && System.nanoTime() < windowEnd) {
      waitAtMost(queue.isEmpty() ? windowEnd : Math.min(windowEnd, queue.peek().visibleAt()));
      receive(batch);
    }
    return batch;
  }

  private boolean visible() {
    return !queue.isEmpty() && queue.peek().visibleAt() <= System.nanoTime();
  }

  private void receive(List<Message> batch) {
    while (batch.size() < settings.batchSize() && visible()) {
      batch.add(queue.poll());
    }
  }

  /** Waits until woken or until {@code deadline} (a {@link System#nanoTime} value). */
  private void waitAtMost(long deadline) throws InterruptedException {
    if (deadline == Long.MAX_VALUE) {
      wait();
      return;
    }
    long nanos = deadline - System.nanoTime();
    if (nanos > 0) {
      TimeUnit.NANOSECONDS.timedWait(this, nanos);
    }
  }

  /**
   * Invokes the container; a container that throws fails the whole batch, as a function error does.
   */
  private void invoke(Container container, List<Message> batch) {
    long start = System.nanoTime();
    Set<String> failed;
    try {
      failed = new HashSet<>(container.invoke(Events.sqsBatch(bodies(batch))));
    } catch (Exception e) {
      synchronized (this) {
        errors.add(e.toString());
      }
      failed = new HashSet<>();
      for (int i = 0; i < batch.size(); i++) {
        failed.add("msg-" + i);
      }
    }
    settle(batch, failed, start, System.nanoTime());
  }

  private static List<String> bodies(List<Message> batch) {
    return batch.stream().map(Message::body).toList();
  }

  /** Failed messages come back after the visibility timeout, or go to the dead letters. */
  private synchronized void settle(List<Message> batch, Set<String> failed, long start, long end) {
    invocations.add(new Invocation(batch.size(), (end - start) / 1e9, !failed.isEmpty()));
    for (int i = 0; i < batch.size(); i++) {
      Message m = batch.get(i);
      if (!failed.contains("msg-" + i)) {
        timesToDns.add((end - m.enqueuedAt()) / 1e9);
      } else if (m.received() + 1 >= settings.maxReceive()) {
        failedMessages++;
        deadLetters.add(m.body());
      } else {
        failedMessages++;
        redeliveries++;
        long visibleAt = end + settings.visibility().toNanos();
        queue.add(new Message(m.body(), m.enqueuedAt(), visibleAt, m.received() + 1));
      }
    }
    inFlight--;
    notifyAll();
  }
}
