package ddns.facts;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.ZoneId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchFactsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final HostedZone CORP =
      new HostedZone(ZoneId.of("ZCORP"), DnsName.parse("corp.internal"), true);
  private static final HostedZone SHARED =
      new HostedZone(ZoneId.of("ZSHARED"), DnsName.parse("shared.internal"), true);
  private static final Optional<String> VPC_A = Optional.of("vpc-a");
  private static final Optional<String> VPC_B = Optional.of("vpc-b");

  private final BatchFacts facts =
      BatchFacts.builder(NOW)
          .zones(List.of(CORP, SHARED))
          .vpc(VpcFacts.unread("vpc-a", List.of("corp.internal")), Set.of(CORP.id()))
          .vpc(VpcFacts.unread("vpc-b", List.of()), Set.of())
          .build();

  @Test
  void withZones_addsACreatedZone_associatedWithTheVpcItWasCreatedFor_only() {
    HostedZone reverse = reverse(ZoneId.of("ZREV"), "vpc-a");

    BatchFacts after = facts.withZones(List.of(reverse), Map.of());

    assertThat(after.catalogFor(VPC_A).zones()).contains(reverse);
    assertThat(after.catalogFor(VPC_A).isAssociated(reverse)).isTrue();
    assertThat(after.catalogFor(VPC_B).zones()).contains(reverse);
    assertThat(after.catalogFor(VPC_B).isAssociated(reverse)).isFalse();
  }

  @Test
  void withZones_letsAVpcSeeTheZonesItWasAssociatedWith() {
    BatchFacts after = facts.withZones(List.of(), Map.of("vpc-b", Set.of(SHARED.id())));

    assertThat(after.catalogFor(VPC_B).isAssociated(SHARED)).isTrue();
    assertThat(after.catalogFor(VPC_A).isAssociated(SHARED)).isFalse();
    assertThat(after.catalogFor(VPC_A).isAssociated(CORP)).isTrue();
  }

  @Test
  void withZones_takesTheZonesADryRunWouldCreate_asIfTheyExisted() {
    HostedZone planned = reverse(ZoneId.planned(1), "vpc-b");

    BatchFacts after = facts.withZones(List.of(planned), Map.of());

    assertThat(
            after
                .catalogFor(VPC_B)
                .reverseZoneFor(DnsName.parse("4.1.20.10.in-addr.arpa"), "vpc-b"))
        .contains(planned);
  }

  @Test
  void withZones_leavesTheFactsItWasMadeFrom_asTheyWere() {
    facts.withZones(
        List.of(reverse(ZoneId.of("ZREV"), "vpc-a")), Map.of("vpc-b", Set.of(CORP.id())));

    assertThat(facts.zones()).containsExactly(CORP, SHARED);
    assertThat(facts.associations()).containsEntry("vpc-b", Set.of());
  }

  @Test
  void withZones_keepsAZoneOnce_whenItWasListedAlready() {
    BatchFacts after = facts.withZones(List.of(CORP), Map.of("vpc-a", Set.of(CORP.id())));

    assertThat(after.zones()).containsExactly(CORP, SHARED);
  }

  @Test
  void dnsSupport_isTakenAsOnUntilRead_andReadingItChangesOnlyThatVpc() {
    assertThat(facts.vpc(VPC_A).support()).isEqualTo(VpcFacts.DnsSupport.NOT_READ);
    assertThat(facts.vpc(VPC_A).dnsSupport()).isTrue();

    BatchFacts read = facts.withDnsSupport(Map.of("vpc-a", false), Map.of("vpc-b", "throttled"));

    assertThat(read.vpc(VPC_A).dnsSupport()).isFalse();
    assertThat(read.vpc(VPC_A).dhcpDomainNames()).containsExactly("corp.internal");
    assertThat(read.unreadable(VPC_B)).contains("throttled");
    assertThat(facts.unreadable(VPC_B)).isEmpty();
  }

  @Test
  void aVpcNotRead_isUnreadable_andAnInstanceWithoutAVpcHasNoDnsSupport() {
    BatchFacts withNone = BatchFacts.builder(NOW).zones(List.of(CORP)).noVpc().build();

    assertThat(facts.unreadable(Optional.of("vpc-c"))).isPresent();
    assertThat(withNone.unreadable(Optional.empty())).isEmpty();
    assertThat(withNone.vpc(Optional.empty()).dnsSupport()).isFalse();
    assertThat(withNone.catalogFor(Optional.empty()).associatedZoneIds()).isEmpty();
  }

  private static HostedZone reverse(ZoneId id, String vpc) {
    return new HostedZone(id, DnsName.parse("1.20.10.in-addr.arpa"), true, 0, Optional.of(vpc));
  }
}
