package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.alert.AlertKind;
import ddns.dns.DesiredRecord;
import ddns.dns.DnsName;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.Sharing;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.registry.Claim;
import ddns.registry.Claimant;
import ddns.registry.Ownership;
import ddns.registry.RegistrySnapshot;
import ddns.registry.RegistryWrite.PutClaim;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docs/behaviour.md, "Names": an {@code ip-…} name is scoped to its VPC. Within one VPC the
 * latest-launched instance at an address takes it (the address was reused); an instance of another
 * VPC with the same range never overwrites it.
 */
class HostRecordsTest {
  private static final ZoneId ZONE = ZoneId.of("ZEX");
  private static final DnsName ZONE_NAME = DnsName.parse("example.com");
  private static final DnsName HOST = DnsName.parse("ip-10-0-1-5.example.com");
  private static final RecordKey HOST_A = new RecordKey(ZONE, HOST, RecordType.A);
  private static final InstanceId OLD = InstanceId.of("i-00000001");
  private static final InstanceId NEW = InstanceId.of("i-00000002");
  private static final Instant EARLY = Instant.parse("2026-11-26T08:00:00Z");
  private static final Instant LATE = Instant.parse("2026-11-26T09:00:00Z");

  private final ChangePlanner planner = new ChangePlanner();

  @Test
  void anInstanceOfAnotherVpc_withTheSameAddress_doesNotOverwriteTheName_andIsAlerted() {
    ChangePlan plan =
        planner.plan(
            List.of(wants(NEW, LATE, "vpc-b", "54.0.0.2")),
            held(OLD, "vpc-a", "54.0.0.1"),
            new LiveRecords(Map.of(HOST_A.nameInZone(), List.of(set("54.0.0.1")))));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.before()).noneMatch(w -> w instanceof PutClaim);
    assertThat(plan.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.NAME_CONFLICT);
              assertThat(a.instanceId()).isEqualTo(NEW);
              assertThat(a.message()).contains("i-00000001", "vpc-a", "another VPC");
            });
  }

  @Test
  void withinOneVpc_theLaterInstanceAtTheAddressTakesTheName() {
    ChangePlan plan =
        planner.plan(
            List.of(wants(NEW, LATE, "vpc-a", "54.0.0.2")),
            held(OLD, "vpc-a", "54.0.0.1"),
            new LiveRecords(Map.of(HOST_A.nameInZone(), List.of(set("54.0.0.1")))));

    assertThat(plan.alerts()).isEmpty();
    assertThat(plan.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.set().values()).containsExactly("54.0.0.2"));
  }

  @Test
  void twoVpcsInOneBatch_theEarlierLaunchedKeepsTheName() {
    ChangePlan plan =
        planner.plan(
            List.of(wants(NEW, LATE, "vpc-b", "54.0.0.2"), wants(OLD, EARLY, "vpc-a", "54.0.0.1")),
            new RegistrySnapshot(Map.of(), Map.of()),
            new LiveRecords(Map.of(HOST_A.nameInZone(), List.of())));

    assertThat(plan.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.set().values()).containsExactly("54.0.0.1"));
    assertThat(plan.alerts())
        .extracting(a -> a.kind() + " " + a.instanceId())
        .containsExactly("NAME_CONFLICT i-00000002");
  }

  @Test
  void aClaimWrittenBeforeVpcsWereRecorded_keepsTodaysLatestRule() {
    ChangePlan plan =
        planner.plan(
            List.of(wants(NEW, LATE, "vpc-b", "54.0.0.2")),
            held(OLD, null, "54.0.0.1"),
            new LiveRecords(Map.of(HOST_A.nameInZone(), List.of(set("54.0.0.1")))));

    assertThat(plan.alerts()).isEmpty();
    assertThat(plan.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.set().values()).containsExactly("54.0.0.2"));
  }

  private static Intent wants(InstanceId id, Instant launched, String vpc, String ip) {
    return new Intent(
        id,
        true,
        launched,
        List.of(new DesiredRecord(HOST_A, ZONE_NAME, set(ip), Sharing.LATEST)),
        Map.of("vpcId", vpc));
  }

  private static RecordSet set(String... ips) {
    return new RecordSet(HOST, RecordType.A, 60, List.of(ips));
  }

  private static RegistrySnapshot held(InstanceId id, String vpc, String ip) {
    Ownership owner =
        new Ownership(
            id,
            1,
            EARLY,
            List.of(new DesiredRecord(HOST_A, ZONE_NAME, set(ip), Sharing.LATEST)),
            vpc == null ? Map.of() : Map.of("vpcId", vpc));
    Claimant claimant = new Claimant(id, EARLY, 60, List.of(ip), Optional.ofNullable(vpc));
    return new RegistrySnapshot(
        Map.of(id, owner), Map.of(HOST_A, new Claim(HOST_A, ZONE_NAME, 1, Map.of(id, claimant))));
  }
}
