package ddns.aws;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code burst} requests at once, then {@code perSecond} a second. Callers beyond
 * that wait their turn (a caller takes a token even when none is left, and waits until it would
 * have been there), so concurrent callers are served in order and never together exceed the rate.
 * Waiting is the point here: the tool paces its own requests instead of being throttled.
 */
public final class RateLimiter {
  /** Waits; {@link Thread#sleep} in production, the test's clock in tests. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private static final double NANOS = 1_000_000_000d;

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private double tokens;
  private long last;

  RateLimiter(double perSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("a rate above 0 and a burst of 1 or more are needed");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.tokens = burst;
    this.last = nanoTime.getAsLong();
  }

  public static RateLimiter perSecond(double perSecond, int burst) {
    return new RateLimiter(
        perSecond,
        burst,
        System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  /**
   * A bucket of its own with the same rate and burst: another account's Route 53 requests spend
   * that account's budget, not this one's.
   */
  public RateLimiter another() {
    return new RateLimiter(perSecond, (int) burst, nanoTime, sleeper);
  }

  /** Takes one token, waiting as long as the rate requires. */
  public void acquire() {
    long wait;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      tokens = Math.min(burst, tokens + (now - last) / NANOS * perSecond);
      last = now;
      tokens -= 1;
      wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perSecond * NANOS);
    }
    if (wait > 0) {
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pacing requests", e);
      }
    }
  }
}
