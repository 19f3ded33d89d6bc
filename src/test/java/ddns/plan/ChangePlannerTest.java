package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.model.AlertKind;
import ddns.model.Claim;
import ddns.model.Claimant;
import ddns.model.DesiredRecord;
import ddns.model.DnsName;
import ddns.model.Ownership;
import ddns.model.RecordKey;
import ddns.model.RecordSet;
import ddns.model.RecordType;
import ddns.model.RegistrySnapshot;
import ddns.model.RegistryWrite.DeleteClaim;
import ddns.model.RegistryWrite.DeleteOwnership;
import ddns.model.RegistryWrite.PutClaim;
import ddns.model.RegistryWrite.PutOwnership;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ownership table of {@link ChangePlanner}, one row per test. */
class ChangePlannerTest {
  private static final String ZONE = "ZCORP";
  private static final DnsName ZONE_NAME = DnsName.parse("corp.internal");
  private static final Instant EARLY = Instant.parse("2026-11-26T08:00:00Z");
  private static final Instant LATE = Instant.parse("2026-11-26T09:00:00Z");

  private final ChangePlanner planner = new ChangePlanner();

  @Test
  void newName_noClaim_nothingLive_upsertsAndClaimsBeforeRoute53() {
    DesiredRecord a = desired("web.corp.internal", RecordType.A, "10.0.1.5");

    ChangePlan plan = plan(List.of(register("i-a", EARLY, a)), empty(), live(a.key()));

    assertThat(plan.changes())
        .extracting(ChangePlannerTest::line)
        .containsExactly("UPSERT A web.corp.internal. 10.0.1.5 by i-a");
    assertThat(plan.before())
        .hasSize(2)
        .hasAtLeastOneElementOfType(PutClaim.class)
        .hasAtLeastOneElementOfType(PutOwnership.class);
    assertThat(plan.before()).allMatch(w -> w.expectedVersion() == 0);
    assertThat(plan.after()).isEmpty();
  }

  @Test
  void foreignRecord_atTheName_isSkippedAndAlerted_andNotClaimed() {
    DesiredRecord cname = desired("web.corp.internal", RecordType.CNAME, "host.corp.internal.");
    RecordSet foreign = new RecordSet(cname.key().name(), RecordType.A, 300, List.of("192.0.2.1"));

    ChangePlan plan =
        plan(List.of(register("i-a", EARLY, cname)), empty(), live(cname.key(), foreign));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.alerts())
        .singleElement()
        .satisfies(a -> assertThat(a.kind()).isEqualTo(AlertKind.FOREIGN_RECORD));
    assertThat(plan.before()).noneMatch(w -> w instanceof PutClaim);
  }

  @Test
  void pointerToARefusedAlias_pointsWhereTheAliasWouldHave() {
    DesiredRecord cname =
        desired("web.corp.internal", RecordType.CNAME, "ip-10-0-1-5.corp.internal.");
    DnsName ptrName = DnsName.parse("5.1.0.10.in-addr.arpa");
    DesiredRecord ptr =
        new DesiredRecord(
            new RecordKey("ZREV", ptrName, RecordType.PTR),
            DnsName.parse("1.0.10.in-addr.arpa"),
            new RecordSet(ptrName, RecordType.PTR, 60, List.of("web.corp.internal.")));
    RecordSet foreign =
        new RecordSet(cname.key().name(), RecordType.CNAME, 300, List.of("legacy.example.com."));

    ChangePlan plan =
        plan(
            List.of(register("i-a", EARLY, cname, ptr)),
            empty(),
            live(cname.key(), foreign).and(ptr.key()));

    assertThat(plan.changes())
        .extracting(ChangePlannerTest::line)
        .containsExactly("UPSERT PTR 5.1.0.10.in-addr.arpa. ip-10-0-1-5.corp.internal. by i-a");
  }

  @Test
  void ownRecord_withSameContent_changesNothing() {
    DesiredRecord a = desired("web.corp.internal", RecordType.A, "10.0.1.5");
    RegistrySnapshot registry = owned(Map.of("i-a", EARLY), a);

    ChangePlan plan =
        plan(List.of(register("i-a", EARLY, a)), registry, live(a.key(), a.content()));

    assertThat(plan.isEmpty()).isTrue();
  }

  @Test
  void ownRecord_missingInRoute53_isWrittenAgain() {
    DesiredRecord a = desired("web.corp.internal", RecordType.A, "10.0.1.5");

    ChangePlan plan =
        plan(List.of(register("i-a", EARLY, a)), owned(Map.of("i-a", EARLY), a), live(a.key()));

    assertThat(plan.changes())
        .extracting(ChangePlannerTest::line)
        .containsExactly("UPSERT A web.corp.internal. 10.0.1.5 by i-a");
    assertThat(plan.before()).isEmpty();
  }

  @Test
  void deregistration_deletesExactlyTheLiveContent_thenReleases() {
    DesiredRecord a = desired("web.corp.internal", RecordType.A, "10.0.1.5");
    RecordSet liveWithOtherTtl =
        new RecordSet(a.key().name(), RecordType.A, 300, List.of("10.0.1.5"));

    ChangePlan plan =
        plan(
            List.of(Intent.deregister("i-a")),
            owned(Map.of("i-a", EARLY), a),
            live(a.key(), liveWithOtherTtl));

    assertThat(plan.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.action()).isEqualTo(ChangeAction.DELETE);
              assertThat(c.set()).isEqualTo(liveWithOtherTtl);
            });
    assertThat(plan.before()).isEmpty();
    assertThat(plan.after())
        .hasAtLeastOneElementOfType(DeleteClaim.class)
        .hasAtLeastOneElementOfType(DeleteOwnership.class);
  }

  @Test
  void deregistration_ofARecordAlreadyGone_sendsNoDelete() {
    DesiredRecord a = desired("web.corp.internal", RecordType.A, "10.0.1.5");

    ChangePlan plan =
        plan(List.of(Intent.deregister("i-a")), owned(Map.of("i-a", EARLY), a), live(a.key()));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.after()).hasSize(2);
  }

  @Test
  void sharedName_olderClaimantJoining_doesNotTakeItOver() {
    DesiredRecord newer = desired("app.corp.internal", RecordType.CNAME, "ip-new.corp.internal.");
    DesiredRecord older = desired("app.corp.internal", RecordType.CNAME, "ip-old.corp.internal.");

    ChangePlan plan =
        plan(
            List.of(register("i-old", EARLY, older)),
            owned(Map.of("i-new", LATE), newer),
            live(newer.key(), newer.content()));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.before())
        .filteredOn(w -> w instanceof PutClaim)
        .singleElement()
        .satisfies(
            w -> assertThat(((PutClaim) w).claim().claimants()).containsOnlyKeys("i-new", "i-old"));
  }

  @Test
  void sharedName_winnerLeaving_handsOverToTheNextClaimant() {
    DesiredRecord newer = desired("app.corp.internal", RecordType.CNAME, "ip-new.corp.internal.");
    DesiredRecord older = desired("app.corp.internal", RecordType.CNAME, "ip-old.corp.internal.");
    Map<String, Claimant> both =
        Map.of(
            "i-new", new Claimant("i-new", LATE, 60, newer.content().values()),
            "i-old", new Claimant("i-old", EARLY, 60, older.content().values()));
    RegistrySnapshot registry =
        new RegistrySnapshot(
            Map.of("i-new", new Ownership("i-new", 1, LATE, List.of(newer), Map.of())),
            Map.of(newer.key(), new Claim(newer.key(), ZONE_NAME, 2, both)));

    ChangePlan plan =
        plan(List.of(Intent.deregister("i-new")), registry, live(newer.key(), newer.content()));

    assertThat(plan.changes())
        .extracting(ChangePlannerTest::line)
        .containsExactly("UPSERT CNAME app.corp.internal. ip-old.corp.internal. by i-new");
    assertThat(plan.after())
        .filteredOn(w -> w instanceof PutClaim)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(((PutClaim) w).claim().claimants()).containsOnlyKeys("i-old");
              assertThat(w.expectedVersion()).isEqualTo(2);
            });
  }

  @Test
  void cnameWantedWhereAnotherInstanceOfTheBatchWantsAnA_isRefused() {
    DesiredRecord a = desired("x.corp.internal", RecordType.A, "10.0.1.5");
    DesiredRecord cname = desired("x.corp.internal", RecordType.CNAME, "y.corp.internal.");

    ChangePlan plan =
        plan(
            List.of(register("i-a", EARLY, a), register("i-b", EARLY, cname)),
            empty(),
            live(a.key()));

    assertThat(plan.changes()).extracting(c -> c.set().type()).containsExactly(RecordType.A);
    assertThat(plan.alerts())
        .singleElement()
        .satisfies(
            al -> {
              assertThat(al.instanceId()).isEqualTo("i-b");
              assertThat(al.kind()).isEqualTo(AlertKind.NAME_CONFLICT);
            });
  }

  @Test
  void changedAddress_replacesTheRecord_andForgetsTheOldNameAfterRoute53() {
    DesiredRecord old = desired("ip-10-0-1-5.corp.internal", RecordType.A, "10.0.1.5");
    DesiredRecord moved = desired("ip-10-0-1-6.corp.internal", RecordType.A, "10.0.1.6");

    ChangePlan plan =
        plan(
            List.of(register("i-a", EARLY, moved)),
            owned(Map.of("i-a", EARLY), old),
            live(old.key(), old.content()).and(moved.key()));

    assertThat(plan.changes())
        .extracting(ChangePlannerTest::line)
        .containsExactly(
            "DELETE A ip-10-0-1-5.corp.internal. 10.0.1.5 by i-a",
            "UPSERT A ip-10-0-1-6.corp.internal. 10.0.1.6 by i-a");
    PutOwnership during =
        (PutOwnership)
            plan.before().stream().filter(w -> w instanceof PutOwnership).findFirst().orElseThrow();
    assertThat(during.item().records()).hasSize(2);
    PutOwnership done =
        (PutOwnership)
            plan.after().stream().filter(w -> w instanceof PutOwnership).findFirst().orElseThrow();
    assertThat(done.item().records()).containsExactly(moved);
    assertThat(done.expectedVersion()).isEqualTo(during.item().version());
  }

  @Test
  void replan_afterALostRace_deletesItsOwnStaleWrite_ofANameNobodyClaimsAnyMore() {
    DesiredRecord alias = desired("app.corp.internal", RecordType.CNAME, "ip-old.corp.internal.");
    PlannedChange staleUpsert =
        new PlannedChange(ChangeAction.UPSERT, ZONE, ZONE_NAME, alias.content(), "i-old");

    ChangePlan plan =
        planner.plan(
            List.of(Intent.deregister("i-old")),
            empty(),
            new LiveRecords(live(alias.key(), alias.content())),
            Map.of(alias.key(), staleUpsert));

    assertThat(plan.changes())
        .extracting(ChangePlannerTest::line)
        .containsExactly("DELETE CNAME app.corp.internal. ip-old.corp.internal. by i-old");
  }

  @Test
  void replan_afterALostRace_pointsASharedNameBackAtTheCurrentWinner() {
    DesiredRecord current = desired("app.corp.internal", RecordType.CNAME, "ip-new.corp.internal.");
    RecordSet stale =
        new RecordSet(current.key().name(), RecordType.CNAME, 60, List.of("ip-old.corp.internal."));
    PlannedChange staleUpsert =
        new PlannedChange(ChangeAction.UPSERT, ZONE, ZONE_NAME, stale, "i-old");

    ChangePlan plan =
        planner.plan(
            List.of(Intent.deregister("i-old")),
            owned(Map.of("i-new", LATE), current),
            new LiveRecords(live(current.key(), stale)),
            Map.of(current.key(), staleUpsert));

    assertThat(plan.changes())
        .extracting(ChangePlannerTest::line)
        .containsExactly("UPSERT CNAME app.corp.internal. ip-new.corp.internal. by i-old");
  }

  // --- helpers -------------------------------------------------------------------------------

  private static DesiredRecord desired(String name, RecordType type, String value) {
    DnsName n = DnsName.parse(name);
    return new DesiredRecord(
        new RecordKey(ZONE, n, type), ZONE_NAME, new RecordSet(n, type, 60, List.of(value)));
  }

  private static Intent register(String id, Instant launched, DesiredRecord... records) {
    return new Intent(id, true, launched, List.of(records), Map.of());
  }

  private static RegistrySnapshot empty() {
    return new RegistrySnapshot(Map.of(), Map.of());
  }

  /** The registry after the given instances registered the record (same content for all). */
  private static RegistrySnapshot owned(Map<String, Instant> owners, DesiredRecord record) {
    Map<String, Ownership> items = new HashMap<>();
    Map<String, Claimant> claimants = new HashMap<>();
    owners.forEach(
        (id, launched) -> {
          items.put(id, new Ownership(id, 1, launched, List.of(record), Map.of()));
          claimants.put(
              id, new Claimant(id, launched, record.content().ttl(), record.content().values()));
        });
    return new RegistrySnapshot(
        items, Map.of(record.key(), new Claim(record.key(), ZONE_NAME, 1, claimants)));
  }

  private static Live live(RecordKey key, RecordSet... sets) {
    return new Live().and(key, sets);
  }

  /** Live records, built name by name. */
  @SuppressWarnings("serial")
  private static final class Live extends HashMap<NameInZone, List<RecordSet>> {
    Live and(RecordKey key, RecordSet... sets) {
      put(new NameInZone(key.zoneId(), key.name()), List.of(sets));
      return this;
    }
  }

  private ChangePlan plan(List<Intent> intents, RegistrySnapshot registry, Live live) {
    return planner.plan(intents, registry, new LiveRecords(live));
  }

  private static String line(PlannedChange c) {
    return c.action()
        + " "
        + c.set().type()
        + " "
        + c.set().name()
        + " "
        + String.join(",", c.set().values())
        + " by "
        + c.instanceId();
  }
}
