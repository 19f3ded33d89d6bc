package ddns.sim;

/**
 * A token bucket in simulated time (nanoseconds since {@link Simulation#EPOCH}): {@code capacity}
 * tokens, refilled at {@code perSecond}. Two uses: a client pacing itself ({@link #take}, which
 * waits its turn, as {@code aws.RateLimiter} does) and a service's limit ({@link #tryTake}, which
 * refuses: the request is throttled). Times must not go back.
 */
public final class TokenBucket {
  private final double capacity;
  private final double perSecond;
  private double tokens;
  private long last;
  private double lowest;
  private long taken;
  private long refused;

  public TokenBucket(double capacity, double perSecond) {
    this.capacity = capacity;
    this.perSecond = perSecond;
    this.tokens = capacity;
    this.lowest = capacity;
  }

  private void refill(long nanos) {
    if (nanos < last) {
      throw new IllegalStateException("time went back: " + nanos + " < " + last);
    }
    tokens = Math.min(capacity, tokens + (nanos - last) / 1e9 * perSecond);
    last = nanos;
  }

  /**
   * Takes a token at {@code nanos}, even when none is left, and says how long to wait until it
   * would have been there (the pacing's wait).
   */
  public long take(long nanos) {
    refill(nanos);
    tokens -= 1;
    taken++;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perSecond * 1e9);
  }

  /** Takes a token at {@code nanos} if there is one; false: the request is throttled. */
  public boolean tryTake(long nanos) {
    refill(nanos);
    if (tokens < 1) {
      refused++;
      return false;
    }
    tokens -= 1;
    taken++;
    lowest = Math.min(lowest, tokens);
    return true;
  }

  /** The fewest tokens left after any request was let through (never below 0). */
  public double lowest() {
    return lowest;
  }

  public long taken() {
    return taken;
  }

  /** Requests refused for want of a token: throttled. */
  public long refused() {
    return refused;
  }
}
