package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordType;
import ddns.facts.InstanceId;
import ddns.job.Mode;
import ddns.plan.Action;
import ddns.run.Explanation;
import ddns.run.Summary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * docs/behaviour.md, "Reconcile": reconciliation repairs what events missed, under the ownership
 * rules.
 */
class ReconcileScenarioTest extends EmulatorTest {

  @Test
  void lostStopEvent_staleRecordsAndRegistryItemsAreRemoved() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String kept = world.launch(net, Map.of(), false);
    String stopped = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);
    handle(
        Events.sqsBatch(
            List.of(Events.stateChange(kept, "running"), Events.stateChange(stopped, "running"))));
    world.stop(stopped); // and its event is lost

    Summary summary = app().reconcile(false);

    assertThat(summary.mode()).isEqualTo(Mode.RECONCILE);
    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(summary.instances())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.instanceId()).isEqualTo(stopped);
              assertThat(i.action()).isEqualTo(Action.DEREGISTER);
              assertThat(i.changes()).hasSize(3);
            });
    assertThat(summary.metrics())
        .containsEntry("RecordsDeleted", 3L)
        .containsEntry("DriftFound", 3L);
    new Converged(world, zone, reverse).check(List.of(kept, stopped));
  }

  @Test
  void lostStartEvent_recordsAreCreated() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);

    Summary summary = app().reconcile(false);

    assertThat(summary.metrics()).containsEntry("RecordsCreated", 3L);
    new Converged(world, zone, reverse).check(List.of(id));
  }

  @Test
  void preExistingFleet_isBackfilledByTheFirstRun_andTheSecondFindsNothingToDo() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    List<String> fleet =
        List.of(
            world.launch(net, Map.of(), false),
            world.launch(net, Map.of("CNAME", "web.corp.internal"), false),
            world.launch(net, Map.of("CNAME", "web.corp.internal"), false),
            world.launch(net, Map.of("CNAME", "api.corp.internal"), false),
            world.launch(net, Map.of(), false));
    world.stop(fleet.get(4));

    Summary first = app().reconcile(false);
    Summary second = restartedApp().reconcile(false);

    assertThat(first.instances()).hasSize(4);
    new Converged(world, zone, reverse).check(fleet);
    assertThat(second.instances()).isEmpty();
    assertThat(second.metrics()).containsEntry("DriftFound", 0L);
    assertThat(second.apiCalls())
        .doesNotContainKeys("Route53.ChangeResourceRecordSets", "DynamoDB.TransactWriteItems");
  }

  @Test
  void tagChangedAfterLaunch_theTagEventMovesTheRecords() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("CNAME", "old.corp.internal"), false);
    running(id);

    world.ec2.createTags(
        r -> r.resources(id).tags(Tag.builder().key("CNAME").value("new.corp.internal").build()));
    Summary summary = handle(Events.tagChange(id, "CreateTags", "CNAME", "new.corp.internal"));

    assertThat(summary.instances())
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.changes())
                    .extracting(c -> c.action() + " " + c.type() + " " + c.name())
                    .containsExactlyInAnyOrder(
                        "DELETE CNAME old.corp.internal.",
                        "UPSERT CNAME new.corp.internal.",
                        "UPSERT PTR 4.1.20.10.in-addr.arpa."));
    new Converged(world, zone, reverse).check(List.of(id));

    world.ec2.deleteTags(r -> r.resources(id).tags(Tag.builder().key("CNAME").build()));
    handle(Events.tagChange(id, "DeleteTags", "CNAME", null));
    new Converged(world, zone, reverse).check(List.of(id));
  }

  @Test
  void tagChangedAfterLaunch_withTheEventLost_theReconcileMovesTheRecords() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    running(id);
    world.ec2.createTags(
        r -> r.resources(id).tags(Tag.builder().key("CNAME").value("web.corp.internal").build()));

    app().reconcile(false);

    new Converged(world, zone, reverse).check(List.of(id));
  }

  @Test
  void tagChangeOfAnotherKey_changesNothing() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);

    Summary summary = handle(Events.tagChange(id, "CreateTags", "Owner", "team-a"));

    assertThat(summary.instances()).isEmpty();
    assertThat(summary.notes()).singleElement().asString().contains("nothing to do");
    assertThat(summary.apiCallsTotal()).isZero();
  }

  @Test
  void foreignRecord_isLeftUntouched_andReported() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    world.handWrittenRecord(zone, "web.corp.internal.", "A", "192.0.2.10");
    String id = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);

    Summary summary = app().reconcile(false);

    assertThat(summary.metrics()).containsEntry("ForeignRecordConflicts", 1L);
    assertThat(summary.instances())
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.alerts()).extracting(a -> a.kind()).containsExactly("FOREIGN_RECORD"));
    assertThat(world.records(zone))
        .filteredOn(r -> r.name().value().equals("web.corp.internal."))
        .containsExactly(record("web.corp.internal", RecordType.A, "192.0.2.10").withTtl(300));
    assertThat(world.records(zone))
        .contains(record(hostLabel(id) + ".corp.internal", RecordType.A, privateIp(id)));
  }

  @Test
  void dryRun_reportsThePlan_andChangesNothing() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.launch(net, Map.of(), false);

    Summary summary = app().reconcile(true);

    assertThat(summary.dryRun()).isTrue();
    assertThat(summary.instances())
        .singleElement()
        .satisfies(
            i -> {
              // The PTR goes into the reverse zone the real run creates first: counted too.
              assertThat(i.changes())
                  .extracting(c -> c.type())
                  .containsExactlyInAnyOrder("A", "PTR");
              assertThat(i.zoneActions())
                  .singleElement()
                  .asString()
                  .contains("create private zone 1.20.10.in-addr.arpa.");
            });
    assertThat(world.records(zone)).isEmpty();
    assertThat(registry()).isEmpty();
    assertThat(summary.apiCalls())
        .doesNotContainKeys(
            "Route53.ChangeResourceRecordSets",
            "Route53.CreateHostedZone",
            "DynamoDB.TransactWriteItems",
            "DynamoDB.CreateTable");
  }

  @Test
  void changedTtl_isRolledOutByTheNextRun() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    running(id);
    env.put("DDNS_TTL", "300");

    Summary summary = restartedApp().reconcile(false);

    assertThat(summary.metrics()).containsEntry("RecordsUpdated", 2L);
    assertThat(world.records(zone))
        .singleElement()
        .satisfies(r -> assertThat(r.ttl()).isEqualTo(300));
  }

  @Test
  void scheduledEvent_runsTheReconcile() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);

    Summary summary = handle(Events.fixture("scheduled.json"));

    assertThat(summary.mode()).isEqualTo(Mode.RECONCILE);
    assertThat(summary.exitStatus()).isZero();
    assertThat(world.records(zone))
        .containsExactly(record(hostLabel(id) + ".corp.internal", RecordType.A, privateIp(id)));
    assertThat(logs()).contains("\"CloudWatchMetrics\"").contains("\"Namespace\":\"route53-ddns\"");
  }

  @Test
  void plan_explainsWhichRuleLedToEachRecord_andWhatIsSkipped() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id =
        world.launch(net, Map.of("CNAME", "web.corp.internal", "ZONE", "nowhere.test"), false);

    Explanation explanation = app().explain(InstanceId.of(id));

    assertThat(explanation.state()).isEqualTo("running");
    assertThat(explanation.records())
        .extracting(r -> r.type() + " " + r.reason())
        .containsExactlyInAnyOrder(
            "A DHCP domain corp.internal. of " + net.vpcId() + " names private zone corp.internal.",
            "CNAME CNAME tag web.corp.internal. lies in private zone corp.internal.; it points at the instance's A record",
            "PTR reverse name of " + privateIp(id) + " in 1.20.10.in-addr.arpa.");
    assertThat(explanation.alerts()).extracting(a -> a.kind()).containsExactly("NO_SUCH_ZONE");
    assertThat(explanation.changes())
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.action()).isEqualTo("UPSERT"));
    assertThat(registry()).isEmpty();
  }

  @Test
  void uninstall_anAllowListOfNoZone_removesEverythingTheToolWrote_andOnlyThat() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    world.handWrittenRecord(zone, "legacy.corp.internal.", "CNAME", "old.example.com.");
    String a = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);
    String b = world.launch(net, Map.of(), false);
    handle(
        Events.sqsBatch(
            List.of(Events.stateChange(a, "running"), Events.stateChange(b, "running"))));
    env.put("DDNS_ALLOWED_ZONES", "none.invalid");

    Summary summary = restartedApp().reconcile(false);

    assertThat(summary.metrics()).containsEntry("RecordsDeleted", 5L);
    assertThat(world.records(zone))
        .containsExactly(
            record("legacy.corp.internal", RecordType.CNAME, "old.example.com.").withTtl(300));
    assertThat(world.records(reverse)).isEmpty();
    assertThat(registry()).isEmpty();
  }

  private ddns.app.Application restartedApp() {
    restartApp();
    return app();
  }
}
