package ddns.aws;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.config.Reach;
import ddns.it.EmulatorTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Route 53 request of the real clients takes a token of the pacing, and only Route 53's:
 * checked against the emulator with a limiter whose clock the test moves (no real waiting).
 */
class Route53PacingTest extends EmulatorTest {
  private long now;
  private final List<Long> waits = new ArrayList<>();

  @Test
  void route53Calls_arePaced_andOtherServicesAreNot() {
    RateLimiter pacing =
        new RateLimiter(
            2,
            5,
            () -> now,
            nanos -> {
              waits.add(nanos);
              now += nanos;
            });
    try (AwsClients clients = new AwsClients(awsSettings(), FAST_RETRIES, pacing)) {
      for (int i = 0; i < 8; i++) {
        clients.zoneDirectory().zones();
      }
      clients.instanceSource().running(clients.home());
      clients.registry("DDNS").scan();
    }

    assertThat(waits)
        .as("8 Route 53 requests, 5 of them in the burst: 3 waited half a second each")
        .containsExactly(500_000_000L, 500_000_000L, 500_000_000L);
  }

  @Test
  void anotherAccountsRoute53Calls_spendThatAccountsBudget_notTheToolsOwn() {
    RateLimiter pacing =
        new RateLimiter(
            2,
            5,
            () -> now,
            nanos -> {
              waits.add(nanos);
              now += nanos;
            });
    Reach member =
        new Reach(
            List.of("222222222222"),
            false,
            List.of(),
            "route53-ddns-member",
            java.util.Optional.empty());
    try (AwsClients clients = new AwsClients(awsSettings(), FAST_RETRIES, pacing, member)) {
      for (int i = 0; i < 5; i++) {
        clients.zoneDirectory().zones();
      }
      for (int i = 0; i < 5; i++) {
        clients.route53("222222222222").listHostedZones();
      }
      assertThat(waits).as("each account's first five requests are its own burst").isEmpty();

      clients.zoneDirectory().zones();
    }

    assertThat(waits).as("the tool's own sixth request waits its turn").hasSize(1);
  }
}
