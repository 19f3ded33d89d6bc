package ddns.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Simulated time for real code running on threads. Each actor (a Lambda container, the schedule)
 * runs on a thread of its own and has a clock of its own, moved only by the latencies the model
 * charges. Only one actor runs at a time, and an actor about to touch what actors share (a call on
 * the fakes, the queue) first waits until every other actor's clock has reached its own ({@link
 * Actor#sync}): the shared fakes see the calls in the order of simulated time, whatever the
 * threads' own speed, and a run gives the same figures every time (ties go to the actor that waited
 * first). The code between two calls takes no simulated time.
 */
public final class Simulation {
  /** Simulated time zero. */
  public static final Instant EPOCH = Instant.parse("2026-11-26T08:00:00Z");

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition allDone = lock.newCondition();
  private final PriorityQueue<Actor> waiting =
      new PriorityQueue<>(
          Comparator.comparingLong((Actor a) -> a.nanos).thenComparingLong(a -> a.ticket));
  private final List<Actor> actors = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private Actor running;
  private long tickets;
  private int live;

  /** One simulated thread of control with its own clock. */
  public final class Actor {
    private final String name;
    private final Condition turn = lock.newCondition();
    private final Consumer<Actor> body;
    private long nanos;
    private long ticket;

    private Actor(String name, long startNanos, Consumer<Actor> body) {
      this.name = name;
      this.nanos = startNanos;
      this.body = body;
    }

    public String name() {
      return name;
    }

    /** This actor's simulated time. */
    public Instant now() {
      return EPOCH.plusNanos(nanos);
    }

    /** Seconds since {@link #EPOCH}. */
    public double seconds() {
      return nanos / 1e9;
    }

    /** Moves this actor's clock on by what a call took. Only from the actor's own thread. */
    public void advance(Duration taken) {
      if (taken.isNegative()) {
        throw new IllegalArgumentException("time does not go back: " + taken);
      }
      nanos += taken.toNanos();
    }

    /**
     * Waits until every other actor has reached this actor's time (or finished): what this actor
     * does next on shared state happens in simulated-time order.
     */
    public void sync() {
      lock.lock();
      try {
        enqueue(this);
        dispatch();
        awaitTurn(this);
      } finally {
        lock.unlock();
      }
    }

    /** A clock that reads this actor's simulated time, for the code it runs. */
    public Clock clock() {
      return Simulation.clock(this::now);
    }
  }

  /**
   * Adds an actor that starts at {@code start} after {@link #EPOCH}; it runs once {@link #run} is
   * called, on a thread of its own.
   */
  public Actor spawn(String name, Duration start, Consumer<Actor> body) {
    Actor actor = new Actor(name, start.toNanos(), body);
    actors.add(actor);
    return actor;
  }

  /**
   * Runs every actor to its end, in simulated-time order.
   *
   * @throws AssertionError with the first failure of an actor, if any failed
   */
  public void run() throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    lock.lock();
    try {
      for (Actor actor : actors) {
        enqueue(actor);
        live++;
        Thread thread = new Thread(() -> body(actor), "sim-" + actor.name);
        thread.setDaemon(true);
        threads.add(thread);
      }
      threads.forEach(Thread::start);
      dispatch();
      while (live > 0) {
        allDone.await();
      }
    } finally {
      lock.unlock();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError("an actor failed: " + failures.get(0));
      failures.forEach(error::addSuppressed);
      throw error;
    }
  }

  /** The latest clock of any actor once {@link #run} returned: when the last one stopped. */
  public Instant end() {
    return actors.stream().map(Actor::now).max(Instant::compareTo).orElse(EPOCH);
  }

  private void body(Actor actor) {
    lock.lock();
    try {
      awaitTurn(actor);
    } finally {
      lock.unlock();
    }
    try {
      actor.body.accept(actor);
    } catch (Throwable e) {
      synchronized (failures) {
        failures.add(e);
      }
    } finally {
      lock.lock();
      try {
        live--;
        dispatch();
        if (live == 0) {
          allDone.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private void enqueue(Actor actor) {
    actor.ticket = tickets++;
    waiting.add(actor);
  }

  /** Hands the turn to the actor furthest behind. */
  private void dispatch() {
    running = waiting.poll();
    if (running != null) {
      running.turn.signal();
    }
  }

  private void awaitTurn(Actor actor) {
    while (running != actor) {
      actor.turn.awaitUninterruptibly();
    }
  }

  /** A clock reading simulated time from {@code now} (a container's current actor, say). */
  public static Clock clock(java.util.function.Supplier<Instant> now) {
    return new SimulatedClock(now);
  }

  private static final class SimulatedClock extends Clock {
    private final java.util.function.Supplier<Instant> now;

    SimulatedClock(java.util.function.Supplier<Instant> now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
