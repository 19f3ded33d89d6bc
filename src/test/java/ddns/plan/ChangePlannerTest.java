package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.alert.AlertKind;
import ddns.dns.DesiredRecord;
import ddns.dns.DnsName;
import ddns.dns.NameInZone;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.registry.Claim;
import ddns.registry.Claimant;
import ddns.registry.Ownership;
import ddns.registry.RegistrySnapshot;
import ddns.registry.RegistryWrite.DeleteClaim;
import ddns.registry.RegistryWrite.DeleteOwnership;
import ddns.registry.RegistryWrite.PutClaim;
import ddns.registry.RegistryWrite.PutOwnership;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ownership table of {@link ChangePlanner}, one row per test. */
class ChangePlannerTest {
  private static final ZoneId ZONE = ZoneId.of("ZCORP");
  private static final InstanceId A = InstanceId.of("i-0000000a");
  private static final InstanceId B = InstanceId.of("i-0000000b");
  private static final InstanceId OLD = InstanceId.of("i-00000001");
  private static final InstanceId NEW = InstanceId.of("i-00000002");

  /** Short names for the expected lines. */
  private static final Map<InstanceId, String> NAMES =
      Map.of(A, "i-a", B, "i-b", OLD, "i-old", NEW, "i-new");

  private static final DnsName ZONE_NAME = DnsName.parse("corp.internal");
  private static final Instant EARLY = Instant.parse("2026-11-26T08:00:00Z");
  private static final Instant LATE = Instant.parse("2026-11-26T09:00:00Z");

  private final ChangePlanner planner = new ChangePlanner();

  @Test
  void newName_noClaim_nothingLive_upsertsAndClaimsBeforeRoute53() {
    DesiredRecord a = desired("web.corp.internal", RecordType.A, "10.0.1.5");

    ChangePlan plan = plan(List.of(register(A, EARLY, a)), empty(), live(a.key()));

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

    ChangePlan plan = plan(List.of(register(A, EARLY, cname)), empty(), live(cname.key(), foreign));

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
            new RecordKey(ZoneId.of("ZREV"), ptrName, RecordType.PTR),
            DnsName.parse("1.0.10.in-addr.arpa"),
            new RecordSet(ptrName, RecordType.PTR, 60, List.of("web.corp.internal.")));
    RecordSet foreign =
        new RecordSet(cname.key().name(), RecordType.CNAME, 300, List.of("legacy.example.com."));

    ChangePlan plan =
        plan(
            List.of(withPointerTargets(register(A, EARLY, cname, ptr), cname)),
            empty(),
            live(cname.key(), foreign).and(ptr.key()));

    assertThat(plan.changes())
        .extracting(ChangePlannerTest::line)
        .containsExactly("UPSERT PTR 5.1.0.10.in-addr.arpa. ip-10-0-1-5.corp.internal. by i-a");
  }

  @Test
  void adopt_takesAnUnclaimedRecordWithTheWantedValues_atTheToolsTtl() {
    DesiredRecord a = desired("web.corp.internal", RecordType.A, "10.0.1.5");
    RecordSet samples = new RecordSet(a.key().name(), RecordType.A, 300, List.of("10.0.1.5"));

    ChangePlan refused =
        planner.plan(
            List.of(register(A, EARLY, a)), empty(), new LiveRecords(live(a.key(), samples)));
    ChangePlan adopted =
        planner.plan(
            List.of(register(A, EARLY, a)),
            empty(),
            new LiveRecords(live(a.key(), samples)),
            Map.of(),
            true);

    assertThat(refused.alerts())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.kind()).isEqualTo(AlertKind.FOREIGN_RECORD);
              assertThat(x.message()).contains("ddns adopt");
            });
    assertThat(adopted.alerts()).isEmpty();
    assertThat(adopted.before()).hasAtLeastOneElementOfType(PutClaim.class);
    assertThat(adopted.changes())
        .extracting(ChangePlannerTest::line)
        .containsExactly("UPSERT A web.corp.internal. 10.0.1.5 by i-a");
    assertThat(adopted.notes().get(A)).singleElement().asString().startsWith("adopted A");
  }

  @Test
  void adopt_leavesAPointerWhoseAliasWasRefused_forItNoLongerHoldsTheWantedValue() {
    DesiredRecord cname =
        desired("web.corp.internal", RecordType.CNAME, "ip-10-0-1-5.corp.internal.");
    DnsName ptrName = DnsName.parse("5.1.0.10.in-addr.arpa");
    DesiredRecord ptr =
        new DesiredRecord(
            new RecordKey(ZoneId.of("ZREV"), ptrName, RecordType.PTR),
            DnsName.parse("1.0.10.in-addr.arpa"),
            new RecordSet(ptrName, RecordType.PTR, 60, List.of("web.corp.internal.")));
    RecordSet foreignAlias =
        new RecordSet(cname.key().name(), RecordType.CNAME, 300, List.of("legacy.example.com."));
    RecordSet samplesPtr =
        new RecordSet(ptrName, RecordType.PTR, 300, List.of("web.corp.internal."));

    ChangePlan plan =
        planner.plan(
            List.of(withPointerTargets(register(A, EARLY, cname, ptr), cname)),
            empty(),
            new LiveRecords(live(cname.key(), foreignAlias).and(ptr.key(), samplesPtr)),
            Map.of(),
            true);

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.alerts())
        .extracting(x -> x.kind())
        .containsExactly(AlertKind.FOREIGN_RECORD, AlertKind.FOREIGN_RECORD);
  }

  @Test
  void ownRecord_withSameContent_changesNothing() {
    DesiredRecord a = desired("web.corp.internal", RecordType.A, "10.0.1.5");
    RegistrySnapshot registry = owned(Map.of(A, EARLY), a);

    ChangePlan plan = plan(List.of(register(A, EARLY, a)), registry, live(a.key(), a.content()));

    assertThat(plan.isEmpty()).isTrue();
  }

  @Test
  void ownRecord_missingInRoute53_isWrittenAgain() {
    DesiredRecord a = desired("web.corp.internal", RecordType.A, "10.0.1.5");

    ChangePlan plan =
        plan(List.of(register(A, EARLY, a)), owned(Map.of(A, EARLY), a), live(a.key()));

    assertThat(plan.changes())
        .extracting(ChangePlannerTest::line)
        .containsExactly("UPSERT A web.corp.internal. 10.0.1.5 by i-a");
    assertThat(plan.before()).isEmpty();
  }

  @Test
  void deregistration_deletesExactlyTheLiveContent_whenItIsWhatTheToolWrote_thenReleases() {
    DesiredRecord a = desired("web.corp.internal", RecordType.A, "10.0.1.5");

    ChangePlan plan =
        plan(List.of(Intent.deregister(A)), owned(Map.of(A, EARLY), a), live(a.key(), a.content()));

    assertThat(plan.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.action()).isEqualTo(ChangeAction.DELETE);
              assertThat(c.set()).isEqualTo(a.content());
            });
    assertThat(plan.before()).isEmpty();
    assertThat(plan.after())
        .hasAtLeastOneElementOfType(DeleteClaim.class)
        .hasAtLeastOneElementOfType(DeleteOwnership.class);
  }

  @Test
  void deregistration_leavesARecordEditedByHand_alertsAndReleasesIt() {
    DesiredRecord a = desired("web.corp.internal", RecordType.A, "10.0.1.5");
    RecordSet editedTtl = new RecordSet(a.key().name(), RecordType.A, 300, List.of("10.0.1.5"));
    RecordSet editedValue = new RecordSet(a.key().name(), RecordType.A, 60, List.of("10.9.9.9"));

    for (RecordSet edited : List.of(editedTtl, editedValue)) {
      ChangePlan plan =
          plan(List.of(Intent.deregister(A)), owned(Map.of(A, EARLY), a), live(a.key(), edited));

      assertThat(plan.changes()).isEmpty();
      assertThat(plan.alerts())
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.kind()).isEqualTo(AlertKind.RECORD_EDITED);
                assertThat(alert.message()).contains("changed outside route53-ddns");
              });
      assertThat(plan.after())
          .hasAtLeastOneElementOfType(DeleteClaim.class)
          .hasAtLeastOneElementOfType(DeleteOwnership.class);
    }
  }

  @Test
  void deregistration_ofARecordAlreadyGone_sendsNoDelete() {
    DesiredRecord a = desired("web.corp.internal", RecordType.A, "10.0.1.5");

    ChangePlan plan =
        plan(List.of(Intent.deregister(A)), owned(Map.of(A, EARLY), a), live(a.key()));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.after()).hasSize(2);
  }

  @Test
  void sharedName_olderClaimantJoining_doesNotTakeItOver() {
    DesiredRecord newer = desired("app.corp.internal", RecordType.CNAME, "ip-new.corp.internal.");
    DesiredRecord older = desired("app.corp.internal", RecordType.CNAME, "ip-old.corp.internal.");

    ChangePlan plan =
        plan(
            List.of(register(OLD, EARLY, older)),
            owned(Map.of(NEW, LATE), newer),
            live(newer.key(), newer.content()));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.before())
        .filteredOn(w -> w instanceof PutClaim)
        .singleElement()
        .satisfies(w -> assertThat(((PutClaim) w).claim().claimants()).containsOnlyKeys(NEW, OLD));
  }

  @Test
  void sharedName_winnerLeaving_handsOverToTheNextClaimant() {
    DesiredRecord newer = desired("app.corp.internal", RecordType.CNAME, "ip-new.corp.internal.");
    DesiredRecord older = desired("app.corp.internal", RecordType.CNAME, "ip-old.corp.internal.");
    Map<InstanceId, Claimant> both =
        Map.of(
            NEW, new Claimant(NEW, LATE, 60, newer.content().values()),
            OLD, new Claimant(OLD, EARLY, 60, older.content().values()));
    RegistrySnapshot registry =
        new RegistrySnapshot(
            Map.of(NEW, new Ownership(NEW, 1, LATE, List.of(newer), Map.of())),
            Map.of(newer.key(), new Claim(newer.key(), ZONE_NAME, 2, both)));

    ChangePlan plan =
        plan(List.of(Intent.deregister(NEW)), registry, live(newer.key(), newer.content()));

    assertThat(plan.changes())
        .extracting(ChangePlannerTest::line)
        .containsExactly("UPSERT CNAME app.corp.internal. ip-old.corp.internal. by i-new");
    assertThat(plan.after())
        .filteredOn(w -> w instanceof PutClaim)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(((PutClaim) w).claim().claimants()).containsOnlyKeys(OLD);
              assertThat(w.expectedVersion()).isEqualTo(2);
            });
  }

  @Test
  void cnameWantedWhereAnotherInstanceOfTheBatchWantsAnA_isRefused() {
    DesiredRecord a = desired("x.corp.internal", RecordType.A, "10.0.1.5");
    DesiredRecord cname = desired("x.corp.internal", RecordType.CNAME, "y.corp.internal.");

    ChangePlan plan =
        plan(List.of(register(A, EARLY, a), register(B, EARLY, cname)), empty(), live(a.key()));

    assertThat(plan.changes()).extracting(c -> c.set().type()).containsExactly(RecordType.A);
    assertThat(plan.alerts())
        .singleElement()
        .satisfies(
            al -> {
              assertThat(al.instanceId()).isEqualTo(B);
              assertThat(al.kind()).isEqualTo(AlertKind.NAME_CONFLICT);
            });
  }

  @Test
  void changedAddress_replacesTheRecord_andForgetsTheOldNameAfterRoute53() {
    DesiredRecord old = desired("ip-10-0-1-5.corp.internal", RecordType.A, "10.0.1.5");
    DesiredRecord moved = desired("ip-10-0-1-6.corp.internal", RecordType.A, "10.0.1.6");

    ChangePlan plan =
        plan(
            List.of(register(A, EARLY, moved)),
            owned(Map.of(A, EARLY), old),
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
        new PlannedChange(ChangeAction.UPSERT, ZONE, ZONE_NAME, alias.content(), OLD);

    ChangePlan plan =
        planner.plan(
            List.of(Intent.deregister(OLD)),
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
    PlannedChange staleUpsert = new PlannedChange(ChangeAction.UPSERT, ZONE, ZONE_NAME, stale, OLD);

    ChangePlan plan =
        planner.plan(
            List.of(Intent.deregister(OLD)),
            owned(Map.of(NEW, LATE), current),
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

  private static Intent register(InstanceId id, Instant launched, DesiredRecord... records) {
    return new Intent(id, true, launched, List.of(records), Map.of());
  }

  /** The pointer targets the record rules give an instance with this alias: it, then its target. */
  private static Intent withPointerTargets(Intent intent, DesiredRecord alias) {
    return new Intent(
        intent.instanceId(),
        true,
        intent.launchTime(),
        intent.desired(),
        intent.facts(),
        List.of(alias.key().name(), DnsName.parse(alias.content().values().get(0))));
  }

  private static RegistrySnapshot empty() {
    return new RegistrySnapshot(Map.of(), Map.of());
  }

  /** The registry after the given instances registered the record (same content for all). */
  private static RegistrySnapshot owned(Map<InstanceId, Instant> owners, DesiredRecord record) {
    Map<InstanceId, Ownership> items = new HashMap<>();
    Map<InstanceId, Claimant> claimants = new HashMap<>();
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
      put(key.nameInZone(), List.of(sets));
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
        + NAMES.get(c.instanceId());
  }
}
