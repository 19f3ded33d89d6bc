package ddns.aws.route53;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.ZoneId;
import ddns.fakes.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ZoneCacheTest {
  private static final String VPC = "vpc-1";
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final ZoneCache cache = new ZoneCache(clock, Duration.ofSeconds(60));

  /** Route 53 as the listings see it; each listing counted. */
  private final List<HostedZone> route53 = new ArrayList<>(List.of(zone("Z1", "corp.internal")));

  private final Set<ZoneId> associated = new HashSet<>(Set.of(ZoneId.of("Z1")));
  private int zoneListings;
  private int associationListings;

  private final Supplier<List<HostedZone>> listZones =
      () -> {
        zoneListings++;
        return List.copyOf(route53);
      };
  private final Supplier<Set<ZoneId>> listAssociated =
      () -> {
        associationListings++;
        return Set.copyOf(associated);
      };

  @Test
  void zones_areListedOnce_untilTheTtlRunsOut() {
    cache.zones(listZones);
    clock.advance(Duration.ofSeconds(59));
    cache.zones(listZones);
    cache.associatedWith(VPC, listAssociated);
    cache.associatedWith(VPC, listAssociated);

    assertThat(zoneListings).isEqualTo(1);
    assertThat(associationListings).isEqualTo(1);
  }

  @Test
  void aChangeBySomeoneElse_showsOnceTheEntryExpires() {
    cache.zones(listZones);
    cache.associatedWith(VPC, listAssociated);
    route53.add(zone("Z2", "other.internal"));
    associated.add(ZoneId.of("Z2"));

    assertThat(ids(cache.zones(listZones))).containsExactly("Z1");
    clock.advance(Duration.ofSeconds(60));

    assertThat(ids(cache.zones(listZones))).containsExactly("Z1", "Z2");
    assertThat(cache.associatedWith(VPC, listAssociated)).contains(ZoneId.of("Z2"));
    assertThat(zoneListings).isEqualTo(2);
    assertThat(associationListings).isEqualTo(2);
  }

  @Test
  void aZoneTheToolCreated_isKnownWithoutListingAgain() {
    cache.zones(listZones);
    cache.associatedWith(VPC, listAssociated);
    HostedZone reverse =
        new HostedZone(
            ZoneId.of("ZREV"), DnsName.parse("1.20.10.in-addr.arpa"), true, 0, Optional.of(VPC));

    cache.zoneSeenBy(reverse, VPC);

    assertThat(ids(cache.zones(listZones))).containsExactly("Z1", "ZREV");
    assertThat(cache.associatedWith(VPC, listAssociated))
        .containsExactlyInAnyOrder(ZoneId.of("Z1"), ZoneId.of("ZREV"));
    assertThat(cache.associatedWith("vpc-other", Set::of)).isEmpty();
    assertThat(zoneListings).isEqualTo(1);
    assertThat(associationListings).isEqualTo(1);
  }

  @Test
  void anAssociationTheToolMade_isKnownWithoutListingAgain() {
    cache.associatedWith(VPC, listAssociated);

    cache.associated(ZoneId.of("Z9"), VPC);

    assertThat(cache.associatedWith(VPC, listAssociated))
        .containsExactlyInAnyOrder(ZoneId.of("Z1"), ZoneId.of("Z9"));
    assertThat(associationListings).isEqualTo(1);
  }

  @Test
  void learningDoesNotExtendTheTtl() {
    cache.zones(listZones);
    clock.advance(Duration.ofSeconds(50));
    cache.zoneSeenBy(zone("Z2", "other.internal"), VPC);
    clock.advance(Duration.ofSeconds(10));

    assertThat(ids(cache.zones(listZones))).containsExactly("Z1");
    assertThat(zoneListings).isEqualTo(2);
  }

  @Test
  void aZoneTheToolDeleted_isForgottenEverywhere() {
    cache.zones(listZones);
    cache.associatedWith(VPC, listAssociated);

    cache.deleted(ZoneId.of("Z1"));

    assertThat(cache.zones(listZones)).isEmpty();
    assertThat(cache.associatedWith(VPC, listAssociated)).isEmpty();
    assertThat(zoneListings).isEqualTo(1);
  }

  @Test
  void whatIsNotKept_isListedWhenFirstRead_withTheToolsOwnChangeIncluded() {
    cache.zoneSeenBy(zone("Z2", "other.internal"), VPC);
    route53.add(zone("Z2", "other.internal"));

    assertThat(ids(cache.zones(listZones))).containsExactly("Z1", "Z2");
    assertThat(zoneListings).isEqualTo(1);
  }

  @Test
  void recordSetCounts_comeFromTheLastListing_andAreZeroForZonesNeverListed() {
    route53.set(
        0,
        new HostedZone(
            ZoneId.of("Z1"), DnsName.parse("corp.internal"), true, 900, Optional.empty()));
    assertThat(cache.recordSetCount(ZoneId.of("Z1"))).isZero();

    cache.zones(listZones);
    clock.advance(Duration.ofHours(1));

    assertThat(cache.recordSetCount(ZoneId.of("Z1"))).isEqualTo(900);
    assertThat(cache.recordSetCount(ZoneId.of("Z2"))).isZero();
  }

  @Test
  void none_keepsNothing() {
    ZoneCache none = ZoneCache.none();

    none.zones(listZones);
    none.zones(listZones);

    assertThat(zoneListings).isEqualTo(2);
  }

  private static HostedZone zone(String id, String name) {
    return new HostedZone(ZoneId.of(id), DnsName.parse(name), true);
  }

  private static List<String> ids(List<HostedZone> zones) {
    return zones.stream().map(z -> z.id().value()).toList();
  }
}
