package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.aws.AwsClients;
import ddns.dns.DesiredRecord;
import ddns.dns.DnsName;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.plan.Action;
import ddns.plan.ChangeAction;
import ddns.plan.PlannedChange;
import ddns.registry.Claim;
import ddns.registry.Claimant;
import ddns.registry.Ownership;
import ddns.registry.RegistryWrite;
import ddns.run.Summary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeregistrationScenarioTest extends EmulatorTest {

  @Test
  void stopped_removesEveryRecordAndTheRegistryItems() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);
    running(id);
    assertThat(world.records(zone)).hasSize(2);

    Summary summary = stopped(id);

    assertThat(summary.instances())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.action()).isEqualTo(Action.DEREGISTER);
              assertThat(i.changes()).extracting(c -> c.action()).containsOnly("DELETE").hasSize(3);
            });
    assertThat(world.records(zone)).isEmpty();
    assertThat(world.records(reverse)).isEmpty();
    assertThat(registry()).isEmpty();
  }

  @Test
  void terminated_afterStopped_isANoOp() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    running(id);
    stopped(id);
    world.terminate(id);

    Summary summary = handle(Events.stateChange(id, "terminated"));

    assertThat(summary.exitStatus()).isZero();
    assertThat(summary.instances().get(0).changes()).isEmpty();
    assertThat(summary.apiCalls()).doesNotContainKey("Route53.ChangeResourceRecordSets");
  }

  @Test
  void instanceUnknownToEc2_isDeregisteredFromWhatTheRegistryRecorded() {
    var net = world.network("10.20.0.0/16", null, true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String gone = "i-0000000000000dead";
    InstanceId goneId = InstanceId.of(gone);
    ZoneId zoneId = ZoneId.of(zone);
    RecordSet set = record("old-host.corp.internal", RecordType.A, "10.20.1.99");
    RecordKey key = new RecordKey(zoneId, set.name(), RecordType.A);
    DesiredRecord written = new DesiredRecord(key, DnsName.parse("corp.internal"), set);
    Instant launched = Instant.parse("2026-01-01T00:00:00Z");
    try (AwsClients clients = new AwsClients(awsSettings())) {
      // The state an earlier registration of this instance left behind.
      var registry = clients.registry("DDNS");
      registry.ensureTable();
      registry.write(
          List.of(
              new RegistryWrite.PutOwnership(
                  new Ownership(goneId, 1, launched, List.of(written), Map.of()), 0),
              new RegistryWrite.PutClaim(
                  new Claim(
                      key,
                      written.zoneName(),
                      1,
                      Map.of(goneId, new Claimant(goneId, launched, 60, set.values()))),
                  0)));
      clients
          .dnsZones()
          .apply(
              zoneId,
              List.of(
                  new PlannedChange(ChangeAction.UPSERT, zoneId, written.zoneName(), set, goneId)));
    }
    assertThat(world.records(zone)).containsExactly(set);

    Summary summary = handle(Events.stateChange(gone, "terminated"));

    assertThat(summary.instances())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.action()).isEqualTo(Action.DEREGISTER);
              assertThat(i.state()).isEqualTo("unknown to EC2");
            });
    assertThat(world.records(zone)).isEmpty();
    assertThat(registry()).isEmpty();
  }

  @Test
  void lateRunningEvent_forAStoppedInstance_makesNoRecords() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    world.stop(id);

    Summary summary = running(id);

    assertThat(summary.instances())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.action()).isEqualTo(Action.DEREGISTER);
              assertThat(i.notes()).anyMatch(n -> n.contains("event said running"));
            });
    assertThat(world.records(zone)).isEmpty();
    assertThat(registry()).isEmpty();
  }

  @Test
  void duplicateRunningEvent_changesNothing() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);
    running(id);
    var before = world.records(zone);
    var registryBefore = registry();

    Summary again = running(id);

    assertThat(again.instances().get(0).changes()).isEmpty();
    assertThat(again.apiCalls())
        .doesNotContainKeys("Route53.ChangeResourceRecordSets", "DynamoDB.TransactWriteItems");
    assertThat(world.records(zone)).isEqualTo(before);
    assertThat(registry()).containsExactlyInAnyOrderElementsOf(registryBefore);
  }
}
