package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordType;
import ddns.run.Outcome;
import ddns.run.Summary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a careful operator meets in an ordinary account (issue: nothing one bad record can stop):
 * records edited by hand, the AWS sample's registry items, default VPCs with the same range.
 */
class HardeningScenarioTest extends EmulatorTest {

  @Test
  void aCnameEditedByHand_toAValueRouteFiftyThreeWouldRefuse_stopsNothing() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String edited = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);
    String other = world.launch(net, Map.of(), false);
    handle(Events.sqsBatch(runningEvents(edited, other)));
    world.editRecord(zone, "web.corp.internal.", "CNAME", 60, "_svc.elsewhere.example.net.");
    world.stop(edited);
    world.stop(other);

    Summary summary =
        handle(
            Events.sqsBatch(
                List.of(
                    Events.stateChange(edited, "stopped"), Events.stateChange(other, "stopped"))));

    assertThat(summary.exitStatus()).isZero();
    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(world.records(zone))
        .singleElement()
        .satisfies(r -> assertThat(r.values()).containsExactly("_svc.elsewhere.example.net."));
    assertThat(summary.instances())
        .filteredOn(i -> i.instanceId().equals(edited))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.outcome()).isEqualTo(Outcome.DONE);
              assertThat(i.alerts()).extracting(a -> a.kind()).containsExactly("RECORD_EDITED");
              assertThat(i.alerts().get(0).message())
                  .contains("web.corp.internal.")
                  .contains("changed outside route53-ddns");
            });
    assertThat(registry()).as("the edited record is no longer claimed").isEmpty();
    assertThat(app().reconcile(true).exitStatus()).isZero();
    assertThat(app().reconcile(false).exitStatus()).isZero();
  }

  @Test
  void aRecordWhoseTtlWasEditedByHand_isLeftOnStop_alerted_andNoLongerClaimed() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    running(id);
    String host = hostLabel(id) + ".corp.internal.";
    world.editRecord(zone, host, "A", 300, privateIp(id));

    Summary summary = stopped(id);

    assertThat(world.records(zone))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ttl()).isEqualTo(300);
              assertThat(r.type()).isEqualTo(RecordType.A);
            });
    assertThat(world.records(reverse)).as("the unedited PTR goes as usual").isEmpty();
    assertThat(summary.instances().get(0).alerts())
        .extracting(a -> a.kind())
        .containsExactly("RECORD_EDITED");
    assertThat(registry()).isEmpty();
  }

  @Test
  void theSamplesRegistryItems_areSkippedAndReported_andReplacedWhenTheirInstanceIsHandled() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String runningOne = world.launch(net, Map.of(), false);
    String stoppedOne = world.launch(net, Map.of(), false);
    world.stop(stoppedOne);
    world.registryTable("DDNS");
    world.samplesItem("DDNS", runningOne);
    world.samplesItem("DDNS", stoppedOne);

    Summary dryRun = app().reconcile(true);

    assertThat(dryRun.exitStatus()).isZero();
    assertThat(dryRun.notes())
        .filteredOn(n -> n.contains("InstanceAttributes"))
        .hasSize(1)
        .first()
        .asString()
        .contains("2 registry items")
        .contains("AWS sample");

    Summary event = handle(Events.stateChange(runningOne, "running"));

    assertThat(event.exitStatus()).isZero();
    assertThat(world.records(zone)).hasSize(1);
    assertThat(event.instances().get(0).notes())
        .anyMatch(
            n -> n.contains("written by the AWS sample") && n.contains("replaces it with its own"));

    Summary reconciled = app().reconcile(false);

    assertThat(reconciled.exitStatus()).isZero();
    assertThat(world.registryItems("DDNS"))
        .as("no item of the sample is left once its instance was handled")
        .noneMatch(item -> item.containsKey("InstanceAttributes"));
  }

  @Test
  void twoVpcsWithTheSameRange_getAReverseZoneEach_andEachPointerNamesItsOwnDomain() {
    var a = world.network("172.31.0.0/16", "a.internal", true);
    var b = world.network("172.31.0.0/16", "b.internal", true);
    world.privateZone("a.internal", a.vpcId());
    world.privateZone("b.internal", b.vpcId());
    String inA = world.launch(a, Map.of(), false);
    String inB = world.launch(b, Map.of(), false);
    assertThat(privateIp(inA)).isEqualTo(privateIp(inB));
    String ip = privateIp(inA);
    String host = hostLabel(inA);

    assertThat(running(inA).exitStatus()).isZero();
    assertThat(running(inB).exitStatus()).isZero();

    List<String> reverseZones = world.zoneIdsNamed("1.31.172.in-addr.arpa.");
    assertThat(reverseZones).hasSize(2);
    String ptrName = ip.split("\\.")[3] + ".1.31.172.in-addr.arpa";
    for (String zone : reverseZones) {
      List<String> vpcs =
          world.route53.getHostedZone(r -> r.id(zone)).vpCs().stream().map(v -> v.vpcId()).toList();
      assertThat(vpcs).hasSize(1);
      String domain = vpcs.get(0).equals(a.vpcId()) ? "a.internal." : "b.internal.";
      assertThat(world.records(zone))
          .containsExactly(record(ptrName, RecordType.PTR, host + "." + domain));
    }
  }

  @Test
  void aMissingTableWithCreationOff_failsNamingTheTableAndTheSetting() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    env.put("DDNS_TABLE", "missing-table");
    env.put("DDNS_CREATE_TABLE", "false");

    Summary summary = running(id);

    assertThat(summary.exitStatus()).isEqualTo(1);
    assertThat(summary.instances().get(0).error())
        .contains("'missing-table'")
        .contains("DDNS_CREATE_TABLE");
  }

  @Test
  void theDefaultAlertTopic_isTheToolsOwn_neverOneNamedByAnEvent() throws Exception {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of("ZONE", "nowhere.test"), false);
    var event =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Events.stateChange(id, "running"));
    event.put("account", "999999999999").put("region", "eu-west-1");

    Summary summary = handle(Events.sqsBatch(List.of(event.toString())));

    assertThat(summary.instances().get(0).alerts())
        .extracting(a -> a.kind())
        .containsExactly("NO_SUCH_ZONE");
    assertThat(world.alerts())
        .as("delivered to DDNSAlerts of the account and region the tool runs in")
        .singleElement()
        .asString()
        .contains("nowhere.test");
  }

  @Test
  void anInstanceItemDeletedByHand_isSaidOnStop_andReconcileRemovesWhatItsClaimsName() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    running(id);
    world.dynamoDb.deleteItem(
        r ->
            r.tableName("DDNS")
                .key(
                    Map.of(
                        "InstanceId",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(id))));

    Summary stop = stopped(id);

    assertThat(stop.instances().get(0).notes())
        .anyMatch(n -> n.contains("no registry item") && n.contains("reconcile"));
    assertThat(world.records(zone)).as("nothing recorded, nothing removed yet").hasSize(1);

    Summary reconciled = app().reconcile(false);

    assertThat(reconciled.exitStatus()).isZero();
    assertThat(world.records(zone)).isEmpty();
    assertThat(world.records(reverse)).isEmpty();
    assertThat(registry()).isEmpty();
  }

  @Test
  void aDryRun_countsThePointersOfReverseZonesStillToBeCreated_asTheRealRunMakesThem() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    world.launch(net, Map.of(), false);
    world.launch(net, Map.of("CNAME", "web.corp.internal"), false);

    Summary dryRun = app().reconcile(true);
    Summary real = app().reconcile(false);

    assertThat(real.metrics().get("RecordsCreated")).isEqualTo(5L);
    assertThat(dryRun.metrics())
        .containsEntry("RecordsCreated", real.metrics().get("RecordsCreated"));
    assertThat(world.zoneIdsNamed("1.20.10.in-addr.arpa.")).hasSize(1);
  }

  @Test
  void adopt_takesOverExactlyWhatTheToolWouldWrite_reportsTheRest_andStopRemovesIt() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);
    String other = world.launch(net, Map.of("CNAME", "api.corp.internal"), false);
    String host = hostLabel(id) + ".corp.internal.";
    String ptr = privateIp(id).split("\\.")[3] + ".1.20.10.in-addr.arpa.";
    // What the AWS sample left for the first instance: exactly what the tool writes (at the
    // sample's TTL); for the second, an alias pointing elsewhere.
    world.editRecord(zone, host, "A", 300, privateIp(id));
    world.editRecord(zone, "web.corp.internal.", "CNAME", 300, host);
    world.editRecord(reverse, ptr, "PTR", 300, "web.corp.internal.");
    world.editRecord(zone, "api.corp.internal.", "CNAME", 300, "elsewhere.example.com.");

    Summary preview = app().adopt(true);

    assertThat(preview.exitStatus()).isZero();
    assertThat(registry()).isEmpty();
    assertThat(preview.instances())
        .filteredOn(i -> i.instanceId().equals(id))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.notes()).filteredOn(n -> n.startsWith("adopted")).hasSize(3);
              assertThat(i.alerts()).isEmpty();
            });
    assertThat(preview.instances())
        .filteredOn(i -> i.instanceId().equals(other))
        .singleElement()
        .satisfies(
            i -> assertThat(i.alerts()).extracting(a -> a.kind()).contains("FOREIGN_RECORD"));

    assertThat(app().adopt(false).exitStatus()).isZero();

    assertThat(world.records(zone))
        .contains(record(host, RecordType.A, privateIp(id)))
        .contains(record("web.corp.internal", RecordType.CNAME, host))
        .contains(
            new ddns.dns.RecordSet(
                ddns.dns.DnsName.parse("api.corp.internal"),
                RecordType.CNAME,
                300,
                List.of("elsewhere.example.com.")));
    assertThat(world.records(reverse)).contains(record(ptr, RecordType.PTR, "web.corp.internal."));

    stopped(id);

    assertThat(world.records(zone))
        .as("the adopted records go with their instance; the alias never the tool's stays")
        .extracting(r -> r.name().value())
        .doesNotContain(host, "web.corp.internal.")
        .contains("api.corp.internal.");
    assertThat(world.records(reverse)).extracting(r -> r.name().value()).doesNotContain(ptr);
  }

  private static List<String> runningEvents(String... ids) {
    return java.util.Arrays.stream(ids).map(id -> Events.stateChange(id, "running")).toList();
  }
}
