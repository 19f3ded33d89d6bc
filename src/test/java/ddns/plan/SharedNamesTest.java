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
import ddns.registry.RegistryWrite.DeleteClaim;
import ddns.registry.RegistryWrite.PutClaim;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/behaviour.md, "Names": a host name is one instance's; a pool is every member's. */
class SharedNamesTest {
  private static final ZoneId ZONE = ZoneId.of("ZCORP");
  private static final DnsName ZONE_NAME = DnsName.parse("corp.internal");
  private static final DnsName WEB = DnsName.parse("web.corp.internal");
  private static final RecordKey WEB_A = new RecordKey(ZONE, WEB, RecordType.A);
  private static final InstanceId FIRST = InstanceId.of("i-00000001");
  private static final InstanceId SECOND = InstanceId.of("i-00000002");
  private static final InstanceId THIRD = InstanceId.of("i-00000003");
  private static final Instant EARLY = Instant.parse("2026-11-26T08:00:00Z");
  private static final Instant LATE = Instant.parse("2026-11-26T09:00:00Z");

  private final ChangePlanner planner = new ChangePlanner();

  @Test
  void aHostNameHeldByARunningInstance_isNotGivenToALaterOne_whichIsAlertedWithTheHolder() {
    RegistrySnapshot held = claimed(Sharing.FIRST, Map.of(FIRST, "10.0.1.5"));
    RecordSet live = set("10.0.1.5");

    ChangePlan plan =
        planner.plan(
            List.of(wants(SECOND, LATE, Sharing.FIRST, "10.0.1.6")),
            held,
            new LiveRecords(Map.of(WEB_A.nameInZone(), List.of(live))));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.before()).noneMatch(w -> w instanceof PutClaim);
    assertThat(plan.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.NAME_TAKEN);
              assertThat(a.instanceId()).isEqualTo(SECOND);
              assertThat(a.message()).contains("is held by i-00000001");
            });
  }

  @Test
  void aHostNameIsNotMovedToANewerInstance_asAnAliasWouldBe() {
    ChangePlan together =
        planner.plan(
            List.of(
                wants(SECOND, LATE, Sharing.FIRST, "10.0.1.6"),
                wants(FIRST, EARLY, Sharing.FIRST, "10.0.1.5")),
            empty(),
            new LiveRecords(Map.of(WEB_A.nameInZone(), List.of())));

    assertThat(together.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.set().values()).containsExactly("10.0.1.5"));
    assertThat(together.alerts())
        .extracting(a -> a.kind() + " " + a.instanceId())
        .containsExactly("NAME_TAKEN i-00000002");
  }

  @Test
  void whenTheHolderStops_theNameIsFreeForTheNextInstance() {
    RegistrySnapshot held = claimed(Sharing.FIRST, Map.of(FIRST, "10.0.1.5"));

    ChangePlan plan =
        planner.plan(
            List.of(Intent.deregister(FIRST), wants(SECOND, LATE, Sharing.FIRST, "10.0.1.6")),
            held,
            new LiveRecords(Map.of(WEB_A.nameInZone(), List.of(set("10.0.1.5")))));

    assertThat(plan.alerts()).isEmpty();
    assertThat(plan.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.instanceId()).isEqualTo(SECOND);
              assertThat(c.set().values()).containsExactly("10.0.1.6");
            });
  }

  @Test
  void aPoolHoldsEveryMembersAddress_andIsWrittenGuardedAgainstWhatWasRead() {
    RegistrySnapshot two = claimed(Sharing.POOL, Map.of(FIRST, "10.0.1.5", SECOND, "10.0.1.6"));
    RecordSet live = set("10.0.1.5", "10.0.1.6");

    ChangePlan plan =
        planner.plan(
            List.of(wants(THIRD, LATE, Sharing.POOL, "10.0.1.7")),
            two,
            new LiveRecords(Map.of(WEB_A.nameInZone(), List.of(live))));

    assertThat(plan.alerts()).isEmpty();
    assertThat(plan.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.set().values()).containsExactly("10.0.1.5", "10.0.1.6", "10.0.1.7");
              assertThat(c.guarded()).isTrue();
              assertThat(c.replaces()).contains(live);
            });
    assertThat(plan.before())
        .filteredOn(w -> w instanceof PutClaim)
        .singleElement()
        .satisfies(w -> assertThat(((PutClaim) w).claim().sharing()).isEqualTo(Sharing.POOL));
  }

  @Test
  void aPoolIsWrittenUnderItsClaimsVersion_evenWhenNoMemberJoins() {
    // Read after this writer's own claim write: its member is claimed already, and the live set
    // holds a member another writer added since the claim was read.
    RegistrySnapshot read = claimed(Sharing.POOL, Map.of(FIRST, "10.0.1.5", SECOND, "10.0.1.6"));
    LiveRecords live =
        new LiveRecords(
            Map.of(WEB_A.nameInZone(), List.of(set("10.0.1.5", "10.0.1.6", "10.0.1.7"))));

    ChangePlan rejoin =
        planner.plan(List.of(wants(SECOND, LATE, Sharing.POOL, "10.0.1.6")), read, live);
    ChangePlan leave = planner.plan(List.of(Intent.deregister(SECOND)), read, live);

    for (ChangePlan plan : List.of(rejoin, leave)) {
      assertThat(plan.changes()).singleElement().satisfies(c -> assertThat(c.guarded()).isTrue());
      assertThat(plan.before())
          .as("the stale claim makes the write lose the race instead of dropping 10.0.1.7")
          .filteredOn(w -> w instanceof PutClaim)
          .singleElement()
          .satisfies(w -> assertThat(w.expectedVersion()).isEqualTo(1));
    }
  }

  @Test
  void aMemberLeaving_takesOnlyItsAddressOut_andTheLastOneDeletesTheSet() {
    RegistrySnapshot two = claimed(Sharing.POOL, Map.of(FIRST, "10.0.1.5", SECOND, "10.0.1.6"));
    LiveRecords both =
        new LiveRecords(Map.of(WEB_A.nameInZone(), List.of(set("10.0.1.5", "10.0.1.6"))));

    ChangePlan one = planner.plan(List.of(Intent.deregister(SECOND)), two, both);
    ChangePlan none =
        planner.plan(List.of(Intent.deregister(FIRST), Intent.deregister(SECOND)), two, both);

    assertThat(one.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.action()).isEqualTo(ChangeAction.UPSERT);
              assertThat(c.set().values()).containsExactly("10.0.1.5");
            });
    assertThat(none.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.action()).isEqualTo(ChangeAction.DELETE);
              assertThat(c.set().values()).containsExactly("10.0.1.5", "10.0.1.6");
            });
    assertThat(none.after()).hasAtLeastOneElementOfType(DeleteClaim.class);
    assertThat(none.alerts()).isEmpty();
  }

  @Test
  void aPoolCannotTakeAHostName_norAHostNameAPool() {
    RegistrySnapshot held = claimed(Sharing.FIRST, Map.of(FIRST, "10.0.1.5"));

    ChangePlan plan =
        planner.plan(
            List.of(wants(SECOND, LATE, Sharing.POOL, "10.0.1.6")),
            held,
            new LiveRecords(Map.of(WEB_A.nameInZone(), List.of(set("10.0.1.5")))));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.NAME_CONFLICT);
              assertThat(a.message())
                  .contains("it is an instance's host name (i-00000001)")
                  .contains("wants it as a pool");
            });
  }

  @Test
  void aPointerToAHostNameTaken_pointsAtTheNextName() {
    DnsName ptrName = DnsName.parse("6.1.0.10.in-addr.arpa");
    RecordKey ptrKey = new RecordKey(ZoneId.of("ZREV"), ptrName, RecordType.PTR);
    DesiredRecord ptr =
        new DesiredRecord(
            ptrKey,
            DnsName.parse("1.0.10.in-addr.arpa"),
            new RecordSet(ptrName, RecordType.PTR, 60, List.of(WEB.value())));
    DnsName own = DnsName.parse("ip-10-0-1-6.corp.internal");
    Intent second =
        new Intent(
            SECOND,
            true,
            LATE,
            List.of(record(Sharing.FIRST, "10.0.1.6"), ptr),
            Map.of(),
            List.of(WEB, own));

    ChangePlan plan =
        planner.plan(
            List.of(second),
            claimed(Sharing.FIRST, Map.of(FIRST, "10.0.1.5")),
            new LiveRecords(
                Map.of(
                    WEB_A.nameInZone(), List.of(set("10.0.1.5")), ptrKey.nameInZone(), List.of())));

    assertThat(plan.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.set().values()).containsExactly(own.value()));
  }

  private static Intent wants(InstanceId id, Instant launched, Sharing sharing, String ip) {
    return new Intent(id, true, launched, List.of(record(sharing, ip)), Map.of());
  }

  private static DesiredRecord record(Sharing sharing, String ip) {
    return new DesiredRecord(WEB_A, ZONE_NAME, set(ip), sharing);
  }

  private static RecordSet set(String... ips) {
    return new RecordSet(WEB, RecordType.A, 60, List.of(ips));
  }

  private static RegistrySnapshot empty() {
    return new RegistrySnapshot(Map.of(), Map.of());
  }

  /** The registry after these instances registered their addresses at the name. */
  private static RegistrySnapshot claimed(Sharing sharing, Map<InstanceId, String> ips) {
    Map<InstanceId, Ownership> owners = new HashMap<>();
    Map<InstanceId, Claimant> claimants = new HashMap<>();
    ips.forEach(
        (id, ip) -> {
          owners.put(id, new Ownership(id, 1, EARLY, List.of(record(sharing, ip)), Map.of()));
          claimants.put(id, new Claimant(id, EARLY, 60, List.of(ip)));
        });
    Map<RecordKey, Claim> claims =
        Map.of(WEB_A, new Claim(WEB_A, ZONE_NAME, 1, claimants, sharing));
    return new RegistrySnapshot(owners, claims);
  }
}
