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
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/behaviour.md, "Many accounts and regions": a name, a pool or a pointer held by one account
 * is not taken by another account's instance unless it is shared on purpose; each account writes
 * only the zones it is given.
 */
class AccountBoundaryTest {
  private static final ZoneId ZONE = ZoneId.of("ZCORP");
  private static final DnsName ZONE_NAME = DnsName.parse("corp.internal");
  private static final InstanceId PROD = InstanceId.of("111111111111/us-east-1/i-0000000a");
  private static final InstanceId DEV = InstanceId.of("222222222222/us-east-1/i-0000000b");
  private static final Instant EARLY = Instant.parse("2026-11-26T08:00:00Z");
  private static final Instant LATE = Instant.parse("2026-11-26T09:00:00Z");

  @Test
  void aCnameHeldByOneAccount_isNotTakenByAnotherAccountsLaterInstance() {
    RecordKey api = key("api.corp.internal", RecordType.CNAME);
    ChangePlan plan =
        new ChangePlanner()
            .plan(
                List.of(wants(DEV, LATE, api, Sharing.LATEST, "ip-10-0-1-5.corp.internal.")),
                held(PROD, api, Sharing.LATEST, "ip-10-0-1-5.corp.internal."),
                live(api, "ip-10-0-1-5.corp.internal."));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.before()).noneMatch(w -> w instanceof PutClaim);
    assertThat(plan.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.NAME_TAKEN);
              assertThat(a.instanceId()).isEqualTo(DEV);
              assertThat(a.message())
                  .contains("account 111111111111", PROD.value(), "DDNS_SHARED_ACROSS_ACCOUNTS");
            });
  }

  @Test
  void anotherAccountsInstance_doesNotJoinAPool() {
    RecordKey web = key("web.corp.internal", RecordType.A);
    ChangePlan plan =
        new ChangePlanner()
            .plan(
                List.of(wants(DEV, LATE, web, Sharing.POOL, "10.0.1.5")),
                held(PROD, web, Sharing.POOL, "10.0.1.5"),
                live(web, "10.0.1.5"));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.alerts()).extracting(a -> a.kind()).containsExactly(AlertKind.NAME_TAKEN);
  }

  @Test
  void aPointerHeldByOneAccount_isNotRepointedByAnotherWithTheSameAddress() {
    RecordKey ptr =
        new RecordKey(ZoneId.of("ZREV"), DnsName.parse("5.1.0.10.in-addr.arpa"), RecordType.PTR);
    ChangePlan plan =
        new ChangePlanner()
            .plan(
                List.of(
                    new Intent(
                        DEV,
                        true,
                        LATE,
                        List.of(
                            new DesiredRecord(
                                ptr,
                                DnsName.parse("1.0.10.in-addr.arpa"),
                                new RecordSet(
                                    ptr.name(), RecordType.PTR, 60, List.of("dev.corp.internal.")),
                                Sharing.LATEST)),
                        Map.of())),
                new RegistrySnapshot(
                    Map.of(),
                    Map.of(
                        ptr,
                        new Claim(
                            ptr,
                            DnsName.parse("1.0.10.in-addr.arpa"),
                            1,
                            Map.of(
                                PROD,
                                new Claimant(PROD, EARLY, 60, List.of("db01.corp.internal.")))))),
                new LiveRecords(
                    Map.of(
                        ptr.nameInZone(),
                        List.of(
                            new RecordSet(
                                ptr.name(), RecordType.PTR, 60, List.of("db01.corp.internal."))))));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.alerts()).extracting(a -> a.kind()).containsExactly(AlertKind.NAME_TAKEN);
  }

  @Test
  void aNameSharedOnPurpose_followsTheUsualRule_acrossAccounts() {
    RecordKey api = key("api.corp.internal", RecordType.CNAME);
    ChangePlan plan =
        new ChangePlanner(new AccountBoundary(Set.of(DnsName.parse("api.corp.internal")), Map.of()))
            .plan(
                List.of(wants(DEV, LATE, api, Sharing.LATEST, "ip-10-0-1-6.corp.internal.")),
                held(PROD, api, Sharing.LATEST, "ip-10-0-1-5.corp.internal."),
                live(api, "ip-10-0-1-5.corp.internal."));

    assertThat(plan.alerts()).isEmpty();
    assertThat(plan.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.set().values()).containsExactly("ip-10-0-1-6.corp.internal."));
  }

  @Test
  void anAccountGivenItsZones_writesNothingElsewhere() {
    RecordKey api = key("api.corp.internal", RecordType.CNAME);
    ChangePlan plan =
        new ChangePlanner(
                new AccountBoundary(
                    Set.of(), Map.of("222222222222", Set.of(DnsName.parse("dev.internal")))))
            .plan(
                List.of(wants(DEV, LATE, api, Sharing.LATEST, "ip-10-0-1-6.corp.internal.")),
                new RegistrySnapshot(Map.of(), Map.of()),
                new LiveRecords(Map.of(api.nameInZone(), List.of())));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.ZONE_NOT_ALLOWED);
              assertThat(a.message()).contains("DDNS_ACCOUNT_ZONES", "222222222222");
            });
  }

  @Test
  void withinOneAccount_nothingChanges() {
    InstanceId prodToo = InstanceId.of("111111111111/us-east-1/i-0000000c");
    RecordKey api = key("api.corp.internal", RecordType.CNAME);
    ChangePlan plan =
        new ChangePlanner()
            .plan(
                List.of(wants(prodToo, LATE, api, Sharing.LATEST, "ip-10-0-1-6.corp.internal.")),
                held(PROD, api, Sharing.LATEST, "ip-10-0-1-5.corp.internal."),
                live(api, "ip-10-0-1-5.corp.internal."));

    assertThat(plan.alerts()).isEmpty();
    assertThat(plan.changes()).hasSize(1);
  }

  private static RecordKey key(String name, RecordType type) {
    return new RecordKey(ZONE, DnsName.parse(name), type);
  }

  private static Intent wants(
      InstanceId id, Instant launched, RecordKey key, Sharing sharing, String value) {
    return new Intent(
        id,
        true,
        launched,
        List.of(
            new DesiredRecord(
                key,
                ZONE_NAME,
                new RecordSet(key.name(), key.type(), 60, List.of(value)),
                sharing)),
        Map.of());
  }

  private static RegistrySnapshot held(
      InstanceId id, RecordKey key, Sharing sharing, String value) {
    DesiredRecord d =
        new DesiredRecord(
            key, ZONE_NAME, new RecordSet(key.name(), key.type(), 60, List.of(value)), sharing);
    return new RegistrySnapshot(
        Map.of(id, new Ownership(id, 1, EARLY, List.of(d), Map.of())),
        Map.of(
            key,
            new Claim(
                key,
                ZONE_NAME,
                1,
                Map.of(id, new Claimant(id, EARLY, 60, List.of(value))),
                sharing)));
  }

  private static LiveRecords live(RecordKey key, String value) {
    return new LiveRecords(
        Map.of(
            key.nameInZone(), List.of(new RecordSet(key.name(), key.type(), 60, List.of(value)))));
  }
}
