package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordKey;
import ddns.dns.RecordType;
import ddns.dns.Sharing;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanDraftTest {
  private static final InstanceId ID = InstanceId.of("i-0123456789abcdef0");
  private static final HostedZone CORP =
      new HostedZone(ZoneId.of("ZCORP"), DnsName.parse("corp.internal"), true);
  private static final DnsName WEB = DnsName.parse("web.corp.internal");
  private static final RecordKey WEB_A = new RecordKey(CORP.id(), WEB, RecordType.A);

  @Test
  void record_firstWantedGivesContentAndReason_laterOnesOfTheSameSharingAreDropped() {
    PlanDraft draft = new PlanDraft(ID, 300);

    draft.record(CORP, WEB, RecordType.A, List.of("10.0.1.23"), "host name tag");
    draft.record(CORP, WEB, RecordType.A, List.of("10.0.1.99"), "further address");
    InstancePlan plan = draft.build();

    assertThat(plan.records())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.content().values()).containsExactly("10.0.1.23");
              assertThat(r.content().ttl()).isEqualTo(300);
              assertThat(r.sharing()).isEqualTo(Sharing.LATEST);
            });
    assertThat(plan.reasons()).containsEntry(WEB_A, "host name tag").hasSize(1);
    assertThat(plan.alerts()).isEmpty();
  }

  @Test
  void record_sameSetWantedWithAnotherSharing_keepsTheFirst_andAlertsTheConflict() {
    PlanDraft draft = new PlanDraft(ID, 60);

    draft.record(CORP, WEB, RecordType.A, List.of("10.0.1.23"), "HOSTNAME tag", Sharing.FIRST);
    draft.record(CORP, WEB, RecordType.A, List.of("10.0.1.23"), "POOL tag", Sharing.POOL);
    InstancePlan plan = draft.build();

    assertThat(plan.records()).extracting(r -> r.sharing()).containsExactly(Sharing.FIRST);
    assertThat(plan.alerts())
        .containsExactly(
            new Alert(
                ID,
                AlertKind.NAME_CONFLICT,
                "web.corp.internal. is wanted as the instance's host name and as its pool; one"
                    + " name cannot be both, so only the first is made (POOL tag)"));
  }

  @Test
  void zoneAction_isAddedOnce_andSaysWhetherItWasNew() {
    PlanDraft draft = new PlanDraft(ID, 60);
    ZoneAction create =
        new ZoneAction.CreateReverseZone(DnsName.parse("1.0.10.in-addr.arpa"), "vpc-1");

    assertThat(draft.zoneAction(create)).isTrue();
    assertThat(draft.zoneAction(create)).isFalse();
    assertThat(draft.build().zoneActions()).containsExactly(create);
  }

  @Test
  void isEmpty_countsRecordsAlertsAndZoneActions_notNotes() {
    PlanDraft noted = new PlanDraft(ID, 60);
    noted.note("no private hosted zone for DHCP domain corp.internal.");
    PlanDraft alerted = new PlanDraft(ID, 60);
    alerted.alert(AlertKind.INVALID_TAG, "ZONE tag: bad");
    PlanDraft recorded = new PlanDraft(ID, 60);
    recorded.record(CORP, WEB, RecordType.A, List.of("10.0.1.23"), "why");

    assertThat(noted.isEmpty()).isTrue();
    assertThat(alerted.isEmpty()).isFalse();
    assertThat(recorded.isEmpty()).isFalse();
    assertThat(recorded.hasRecordAt(WEB)).isTrue();
    assertThat(recorded.hasRecordAt(DnsName.parse("db.corp.internal"))).isFalse();
  }

  @Test
  void build_givesThePlanSorted_withNotesInOrderAndThePointerTargets() {
    PlanDraft draft = new PlanDraft(ID, 60);
    DnsName api = DnsName.parse("api.corp.internal");
    draft.record(CORP, WEB, RecordType.A, List.of("10.0.1.23"), "second");
    draft.record(CORP, api, RecordType.A, List.of("10.0.1.23"), "first");
    draft.note("b");
    draft.note("a");
    draft.pointerTargets(List.of(WEB, api));

    InstancePlan plan = draft.build();

    assertThat(plan.instanceId()).isEqualTo(ID);
    assertThat(plan.records()).extracting(r -> r.key().name()).containsExactly(api, WEB);
    assertThat(plan.notes()).containsExactly("b", "a");
    assertThat(plan.pointerTargets()).containsExactly(WEB, api);
  }
}
