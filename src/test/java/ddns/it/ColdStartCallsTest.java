package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.run.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a cold Lambda container spends on its first event, as deployed (table from the stack). */
class ColdStartCallsTest extends EmulatorTest {

  @Test
  void oneRunningEvent_inAFreshProcess_costsAtMostTenAwsCalls() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    world.registryTable("DDNS"); // the stack creates the table
    env.put("DDNS_CREATE_TABLE", "false");
    env.put("DDNS_ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:DDNSAlerts");
    String id = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);

    Summary summary = running(id);

    assertThat(summary.instances().get(0).changes()).hasSize(3);
    assertThat(summary.apiCallsTotal()).as("calls: %s", summary.apiCalls()).isLessThanOrEqualTo(10);
    assertThat(summary.apiCalls()).doesNotContainKey("Route53.ListResourceRecordSets");
  }

  @Test
  void oneRunningEvent_creatingItsReverseZone_costsAtMostElevenAwsCalls() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    world.registryTable("DDNS");
    env.put("DDNS_CREATE_TABLE", "false");
    env.put("DDNS_ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:DDNSAlerts");
    String id = world.launch(net, Map.of(), false);

    Summary summary = running(id);

    assertThat(summary.instances().get(0).zoneActions()).hasSize(1);
    assertThat(summary.instances().get(0).changes()).hasSize(2);
    assertThat(summary.apiCalls())
        .as("a zone just created holds nothing to read, and the registry is written once")
        .doesNotContainKey("Route53.ListResourceRecordSets")
        .containsEntry("DynamoDB.TransactWriteItems", 1)
        .doesNotContainKey("DynamoDB.PutItem");
    assertThat(summary.apiCallsTotal()).as("calls: %s", summary.apiCalls()).isLessThanOrEqualTo(11);
  }

  @Test
  void creatingAReverseZone_doesNotListTheZonesAgain() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);

    Summary summary = running(id);

    assertThat(summary.instances().get(0).zoneActions()).hasSize(1);
    assertThat(summary.instances().get(0).changes()).hasSize(2);
    assertThat(summary.apiCalls())
        .containsEntry("Route53.ListHostedZones", 1)
        .containsEntry("Route53.ListHostedZonesByVPC", 1);
  }

  @Test
  void anInstanceWithPublicRecordsOnly_doesNotReadItsVpcsDnsSupport() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.publicZone("example.org");
    String id = world.launch(net, Map.of("ZONE", "example.org"), true);

    Summary summary = running(id);

    assertThat(world.records(zone)).hasSize(1);
    assertThat(summary.apiCalls())
        .containsKey("EC2.DescribeVpcs")
        .doesNotContainKey("EC2.DescribeVpcAttribute");
  }

  @Test
  void aVpcWithDnsSupportDisabled_isStillRead_whereAPrivateZoneWouldGetRecords() {
    var net = world.network("10.20.0.0/16", "corp.internal", false);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);

    Summary summary = running(id);

    assertThat(summary.apiCalls()).containsEntry("EC2.DescribeVpcAttribute", 1);
    assertThat(summary.instances().get(0).changes()).isEmpty();
  }

  @Test
  void aWarmContainer_knowsTheReverseZoneItCreated_withoutListingTheZonesAgain() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String first = world.launch(net, Map.of(), false);
    String second = world.launch(net, Map.of(), false);
    running(first);

    Summary summary = running(second);

    assertThat(summary.instances().get(0).zoneActions()).isEmpty();
    assertThat(summary.instances().get(0).changes()).hasSize(2);
    assertThat(summary.apiCalls())
        .doesNotContainKeys(
            "Route53.ListHostedZones",
            "Route53.ListHostedZonesByVPC",
            "Route53.CreateHostedZone",
            "EC2.DescribeVpcs",
            "EC2.DescribeVpcAttribute");
  }
}
