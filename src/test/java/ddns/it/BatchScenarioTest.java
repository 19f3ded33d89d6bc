package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordType;
import ddns.run.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchScenarioTest extends EmulatorTest {

  @Test
  void sqsBatch_ofManyInstances_sendsOneChangeRequestPerZone() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    List<String> ids = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String id = world.launch(net, Map.of(), false);
      ids.add(id);
      events.add(Events.stateChange(id, "running"));
    }

    Summary summary = handle(Events.sqsBatch(events));

    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(summary.instances()).hasSize(12).allSatisfy(i -> assertThat(i.changes()).hasSize(2));
    assertThat(world.records(zone)).hasSize(12).allMatch(r -> r.type() == RecordType.A);
    assertThat(world.records(reverse)).hasSize(12).allMatch(r -> r.type() == RecordType.PTR);
    assertThat(summary.apiCalls())
        .containsEntry("Route53.ChangeResourceRecordSets", 2)
        .containsEntry("EC2.DescribeInstances", 1)
        .as("new names are written on the registry's word, without reading the zones")
        .doesNotContainKey("Route53.ListResourceRecordSets");
  }

  @Test
  void sqsBatch_withMalformedMessages_rejectsOnlyThose_andHandlesTheRest() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String good = world.launch(net, Map.of(), false);
    String missingId =
        Events.stateChange(good, "running").replace("\"instance-id\"", "\"instance\"");

    Summary summary =
        handle(
            Events.sqsBatch(List.of("not json", Events.stateChange(good, "running"), missingId)));

    assertThat(summary.rejected()).extracting(r -> r.messageId()).containsExactly("msg-0", "msg-2");
    assertThat(summary.rejected().get(0).error()).contains("not JSON");
    assertThat(summary.rejected().get(1).error()).contains("detail.instance-id");
    assertThat(summary.failedMessageIds()).containsExactly("msg-0", "msg-2");
    assertThat(world.records(zone)).hasSize(1);
    assertThat(summary.exitStatus()).isEqualTo(2);
  }

  @Test
  void warmRunningEvent_withDhcpZoneAndCname_staysWithinEightCalls_andOneChangePerZone() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String warmUp = world.launch(net, Map.of(), false);
    String id = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);
    running(warmUp);

    Summary summary = running(id);

    assertThat(summary.instances().get(0).changes()).hasSize(3);
    assertThat(summary.apiCallsTotal()).isLessThanOrEqualTo(8);
    assertThat(summary.apiCalls())
        .containsEntry("Route53.ChangeResourceRecordSets", 2)
        .doesNotContainKeys("Route53.ListHostedZones", "EC2.DescribeVpcs");
  }
}
