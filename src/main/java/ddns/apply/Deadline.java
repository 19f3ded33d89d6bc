package ddns.apply;

import ddns.failure.ServiceFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a job must stop starting work so that what is left can be handed back (docs/behaviour.md,
 * "Time budget"): a Lambda invocation's remaining time less a margin, or none on the command line.
 * Loops check it before each request; what they did not reach fails its messages, which come back.
 */
public final class Deadline {
  /** Kept free at the end of an invocation: for the call under way, its retries and the answer. */
  static final Duration MIN_MARGIN = Duration.ofSeconds(5);

  static final Duration MAX_MARGIN = Duration.ofSeconds(30);

  private final Clock clock;
  private final Optional<Instant> end;

  private Deadline(Clock clock, Optional<Instant> end) {
    this.clock = clock;
    this.end = end;
  }

  private static final Deadline NONE = new Deadline(Clock.systemUTC(), Optional.empty());

  /** No limit: the command line runs until done. */
  public static Deadline none() {
    return NONE;
  }

  /**
   * The invocation's {@code remaining} time less a margin of a fifth of it, between 5 and 30
   * seconds.
   */
  public static Deadline ofRemaining(Duration remaining, Clock clock) {
    Duration fifth = remaining.dividedBy(5);
    Duration margin =
        fifth.compareTo(MIN_MARGIN) < 0
            ? MIN_MARGIN
            : fifth.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : fifth;
    return new Deadline(clock, Optional.of(clock.instant().plus(remaining).minus(margin)));
  }

  public boolean passed() {
    return end.isPresent() && !clock.instant().isBefore(end.get());
  }

  /**
   * @throws OutOfTime when the deadline has passed, naming what was not started
   */
  public void check(String what) {
    if (passed()) {
      throw new OutOfTime(what);
    }
  }

  /** The invocation's time ran out before this work was started; it is handed back. */
  public static final class OutOfTime extends ServiceFailure {
    private static final long serialVersionUID = 1L;

    OutOfTime(String what) {
      super(
          "out of time: "
              + what
              + " not started before the invocation's time budget ran out; handed back to be"
              + " retried",
          null);
    }
  }
}
