package ddns.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Route 53 pacing, on a clock the test moves: no real time passes. */
class RateLimiterTest {
  private long now = 1_000_000_000L;
  private final List<Long> waits = new ArrayList<>();
  private final RateLimiter limiter =
      new RateLimiter(
          2,
          5,
          () -> now,
          nanos -> {
            waits.add(nanos);
            now += nanos;
          });

  @Test
  void theBurstGoesAtOnce_thenTwoASecond() {
    for (int i = 0; i < 9; i++) {
      limiter.acquire();
    }

    assertThat(waits).hasSize(4).allSatisfy(w -> assertThat(w).isEqualTo(500_000_000L));
    assertThat(now - 1_000_000_000L).as("4 requests past the burst: 2 s").isEqualTo(2_000_000_000L);
  }

  @Test
  void idleTime_refillsTheBucket_butNoFurtherThanTheBurst() {
    for (int i = 0; i < 5; i++) {
      limiter.acquire();
    }
    now += 60_000_000_000L; // a minute of quiet

    for (int i = 0; i < 6; i++) {
      limiter.acquire();
    }

    assertThat(waits).containsExactly(500_000_000L);
  }
}
