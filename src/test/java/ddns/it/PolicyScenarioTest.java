package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordType;
import ddns.run.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/behaviour.md, "Policy" and "Settings": the knobs operators of such tools expect. */
class PolicyScenarioTest extends EmulatorTest {

  @Test
  void upsertOnly_leavesAStoppedInstancesRecords_andTheyStayTheTools() {
    env.put("DDNS_POLICY", "upsert-only");
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    running(id);

    Summary stop = stopped(id);
    Summary reconcile = app().reconcile(false);

    assertThat(stop.exitStatus()).isZero();
    assertThat(world.records(corp))
        .containsExactly(record(hostLabel(id) + ".corp.internal", RecordType.A, privateIp(id)));
    assertThat(stop.instances().get(0).notes())
        .anyMatch(n -> n.contains("left in place (DDNS_POLICY=upsert-only)"));
    assertThat(reconcile.exitStatus()).isZero();
    assertThat(registry()).anyMatch(item -> item.get("InstanceId").s().equals(id));
  }

  @Test
  void createOnly_doesNotSetBackARecordEditedByHand() {
    env.put("DDNS_POLICY", "create-only");
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    running(id);
    String name = hostLabel(id) + ".corp.internal.";
    world.editRecord(corp, name, "A", 60, "10.20.1.250");

    Summary again = app().reconcile(false);

    assertThat(again.exitStatus()).isZero();
    assertThat(world.records(corp)).containsExactly(record(name, RecordType.A, "10.20.1.250"));
  }

  @Test
  void privateZonesOnly_leaveThePublicTwinAlone() {
    env.put("DDNS_ZONE_TYPES", "private");
    env.put("DDNS_ASSOCIATE_ZONES", "example.com");
    var net = world.network("10.20.0.0/16", null, true);
    String inside = world.privateZone("example.com", net.vpcId());
    String outside = world.publicZone("example.com");
    String id = world.launch(net, Map.of("ZONE", "example.com"), true);

    Summary summary = running(id);

    assertThat(world.records(inside)).hasSize(1);
    assertThat(world.records(outside)).noneMatch(r -> r.type() == RecordType.A);
    assertThat(summary.instances().get(0).notes())
        .anyMatch(n -> n.contains("is left out: DDNS_ZONE_TYPES is private"));
  }

  @Test
  void aZoneOutsideTheAllowedIds_isSkippedAndAlerted_andTheMessageSucceeds() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", net.vpcId());
    String dev = world.privateZone("dev.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    env.put("DDNS_ALLOWED_ZONE_IDS", corp + "," + reverse);
    String id = world.launch(net, Map.of("CNAME", "api.dev.internal"), false);

    Summary summary = running(id);

    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(world.records(corp)).hasSize(1);
    assertThat(world.records(dev)).isEmpty();
    assertThat(summary.instances().get(0).alerts())
        .anySatisfy(
            a -> {
              assertThat(a.kind()).isEqualTo("ZONE_NOT_ALLOWED");
              assertThat(a.message()).contains(dev).contains("DDNS_ALLOWED_ZONE_IDS");
            });
  }
}
