package ddns.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.facts.VpcFacts;
import ddns.fakes.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VpcCacheTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final VpcCache cache = new VpcCache(clock, Duration.ofSeconds(60));
  private int reads;
  private List<String> domains = List.of("corp.internal");
  private boolean support = true;

  private VpcFacts readVpc() {
    reads++;
    return VpcFacts.unread("vpc-1", domains);
  }

  private boolean readSupport() {
    reads++;
    return support;
  }

  @Test
  void aVpcsSettings_areReadOnce_untilTheTtlRunsOut() {
    cache.vpc("vpc-1", this::readVpc);
    cache.dnsSupport("vpc-1", this::readSupport);
    clock.advance(Duration.ofSeconds(59));

    assertThat(cache.vpc("vpc-1", this::readVpc).dhcpDomainNames())
        .containsExactly("corp.internal");
    assertThat(cache.dnsSupport("vpc-1", this::readSupport)).isTrue();
    assertThat(reads).isEqualTo(2);
  }

  @Test
  void aChange_showsOnceTheEntryExpires() {
    cache.vpc("vpc-1", this::readVpc);
    cache.dnsSupport("vpc-1", this::readSupport);
    domains = List.of("example.org");
    support = false;
    clock.advance(Duration.ofSeconds(60));

    assertThat(cache.vpc("vpc-1", this::readVpc).dhcpDomainNames()).containsExactly("example.org");
    assertThat(cache.dnsSupport("vpc-1", this::readSupport)).isFalse();
    assertThat(reads).isEqualTo(4);
  }

  @Test
  void eachVpc_andEachSetting_isKeptApart() {
    cache.vpc("vpc-1", this::readVpc);

    cache.dnsSupport("vpc-1", this::readSupport);
    cache.vpc("vpc-2", this::readVpc);

    assertThat(reads).isEqualTo(3);
  }

  @Test
  void none_keepsNothing() {
    VpcCache none = VpcCache.none();

    none.vpc("vpc-1", this::readVpc);
    none.vpc("vpc-1", this::readVpc);

    assertThat(reads).isEqualTo(2);
  }
}
