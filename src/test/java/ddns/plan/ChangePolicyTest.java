package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.DnsName;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.registry.Claim;
import ddns.registry.RegistryWrite;
import ddns.registry.RegistryWrite.DeleteClaim;
import ddns.registry.RegistryWrite.DeleteOwnership;
import ddns.registry.RegistryWrite.PutClaim;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/behaviour.md, "Policy": what upsert-only and create-only keep from a plan. */
class ChangePolicyTest {
  private static final ZoneId ZONE = ZoneId.of("ZCORP");
  private static final DnsName ZONE_NAME = DnsName.parse("corp.internal");
  private static final InstanceId GONE = InstanceId.of("i-00000001");
  private static final InstanceId NEW = InstanceId.of("i-00000002");
  private static final RecordSet OLD_A = set("old.corp.internal", "10.0.1.5");
  private static final RecordSet MOVED = set("moved.corp.internal", "10.0.1.9");
  private static final RecordSet FRESH = set("fresh.corp.internal", "10.0.1.6");

  /** A stop's deletion with its releases, a move of a record, and a new record. */
  private static ChangePlan plan() {
    RecordKey old = key(OLD_A);
    RecordKey moved = key(MOVED);
    RecordKey fresh = key(FRESH);
    List<RegistryWrite> before = List.of(new PutClaim(new Claim(fresh, ZONE_NAME, 1, Map.of()), 0));
    List<PlannedChange> changes =
        List.of(
            new PlannedChange(ChangeAction.DELETE, ZONE, ZONE_NAME, OLD_A, GONE),
            new PlannedChange(
                ChangeAction.UPSERT,
                ZONE,
                ZONE_NAME,
                MOVED,
                NEW,
                java.util.Optional.of(set("moved.corp.internal", "10.0.1.8"))),
            new PlannedChange(ChangeAction.UPSERT, ZONE, ZONE_NAME, FRESH, NEW));
    List<RegistryWrite> after = List.of(new DeleteClaim(old, 3), new DeleteOwnership(GONE, 4));
    return new ChangePlan(before, changes, after, List.of(), Map.of(NEW, List.of()), Map.of());
  }

  @Test
  void sync_keepsEverything() {
    assertThat(ChangePolicy.SYNC.apply(plan())).isEqualTo(plan());
  }

  @Test
  void upsertOnly_neverDeletes_andKeepsTheRecordsOwned() {
    ChangePlan kept = ChangePolicy.UPSERT_ONLY.apply(plan());

    assertThat(kept.changes())
        .extracting(c -> c.action() + " " + c.set().name())
        .containsExactlyInAnyOrder("UPSERT moved.corp.internal.", "UPSERT fresh.corp.internal.");
    assertThat(kept.after()).as("claims and items of what stays are kept").isEmpty();
    assertThat(kept.notes().get(GONE))
        .containsExactly(
            "A old.corp.internal. left in place (DDNS_POLICY=upsert-only); it stays the tool's");
  }

  @Test
  void createOnly_neitherDeletesNorChanges_onlyCreates() {
    ChangePlan kept = ChangePolicy.CREATE_ONLY.apply(plan());

    assertThat(kept.changes())
        .extracting(c -> c.action() + " " + c.set().name())
        .containsExactly("UPSERT fresh.corp.internal.");
    assertThat(kept.notes().get(NEW))
        .containsExactly(
            "A moved.corp.internal. left as it is (DDNS_POLICY=create-only): it would have become"
                + " 10.0.1.9");
  }

  @Test
  void parsesTheSetting() {
    assertThat(ChangePolicy.parse("upsert-only")).isEqualTo(ChangePolicy.UPSERT_ONLY);
    assertThat(ChangePolicy.parse("Create-Only")).isEqualTo(ChangePolicy.CREATE_ONLY);
    assertThat(ChangePolicy.parse("sync")).isEqualTo(ChangePolicy.SYNC);
  }

  private static RecordKey key(RecordSet set) {
    return new RecordKey(ZONE, set.name(), set.type());
  }

  private static RecordSet set(String name, String ip) {
    return new RecordSet(DnsName.parse(name), RecordType.A, 60, List.of(ip));
  }
}
