package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordType;
import ddns.run.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipScenarioTest extends EmulatorTest {

  @Test
  void foreignRecord_atAWantedName_isLeftUntouched_andAlerted_whileOtherRecordsAreMade() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    world.handWrittenRecord(zone, "web.corp.internal.", "CNAME", "legacy.example.com.");
    String id = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);
    String host = hostLabel(id);

    Summary summary = running(id);

    assertThat(world.records(zone))
        .contains(record(host + ".corp.internal", RecordType.A, privateIp(id)));
    assertThat(world.records(zone))
        .filteredOn(r -> r.type() == RecordType.CNAME)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.values()).containsExactly("legacy.example.com.");
              assertThat(r.ttl()).isEqualTo(300);
            });
    assertThat(summary.instances().get(0).alerts())
        .extracting(a -> a.kind())
        .containsExactly("FOREIGN_RECORD");
    assertThat(world.alerts())
        .singleElement()
        .asString()
        .contains("web.corp.internal")
        .contains("not written by route53-ddns");
    Summary again = running(id);
    assertThat(again.instances().get(0).alerts())
        .extracting(a -> a.kind())
        .containsExactly("FOREIGN_RECORD");
    assertThat(again.instances().get(0).notes()).anyMatch(n -> n.contains("alert not sent again"));
    assertThat(world.alerts()).as("the same problem is not alerted twice within a day").isEmpty();
    assertThat(world.records(reverse))
        .singleElement()
        .satisfies(ptr -> assertThat(ptr.values()).containsExactly(host + ".corp.internal."));

    stopped(id);

    assertThat(world.records(zone))
        .singleElement()
        .satisfies(r -> assertThat(r.values()).containsExactly("legacy.example.com."));
  }

  @Test
  void sharedCname_pointsAtTheNewestClaimant_movesOnStop_andGoesWithTheLast() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String first = world.launch(net, Map.of("CNAME", "app.corp.internal"), false);
    String second = world.launch(net, Map.of("CNAME", "app.corp.internal"), false);
    // Most recently launched wins; equal launch times (EC2 reports seconds) go to the higher id.
    var a = world.describe(first);
    var b = world.describe(second);
    int byTime = a.launchTime().compareTo(b.launchTime());
    String newer = byTime > 0 || (byTime == 0 && first.compareTo(second) > 0) ? first : second;
    String older = newer.equals(first) ? second : first;
    // Events arrive newest first: the older claimant must not take the name over.
    running(newer);
    running(older);
    assertThat(cnameTarget(zone)).isEqualTo(hostLabel(newer) + ".corp.internal.");

    stopped(newer);
    assertThat(cnameTarget(zone)).isEqualTo(hostLabel(older) + ".corp.internal.");

    stopped(older);
    assertThat(world.records(zone)).noneMatch(r -> r.type() == RecordType.CNAME);
    assertThat(world.records(zone)).isEmpty();
    assertThat(registry()).isEmpty();
  }

  @Test
  void invalidCnameTag_isAlerted_andTheOtherRecordsAreStillMade() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("CNAME", "*.corp.internal"), false);

    Summary summary = running(id);

    assertThat(world.records(zone))
        .containsExactly(record(hostLabel(id) + ".corp.internal", RecordType.A, privateIp(id)));
    assertThat(summary.instances().get(0).alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo("INVALID_TAG");
              assertThat(a.message()).contains("wildcard");
            });
    assertThat(summary.exitStatus()).isZero();
    assertThat(world.alerts()).singleElement().asString().contains("wildcard");

    world.ec2.createTags(
        r ->
            r.resources(id)
                .tags(
                    software.amazon.awssdk.services.ec2.model.Tag.builder()
                        .key("CNAME")
                        .value("web..corp.internal")
                        .build()));
    handle(Events.tagChange(id, "CreateTags", "CNAME", "web..corp.internal"));

    assertThat(world.alerts())
        .as("a different problem is alerted at once")
        .singleElement()
        .asString()
        .contains("empty label");
  }

  @Test
  void cnameAtZoneApex_isRefused_withAnAlert() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("CNAME", "corp.internal"), false);

    Summary summary = running(id);

    assertThat(world.records(zone)).noneMatch(r -> r.type() == RecordType.CNAME);
    assertThat(summary.instances().get(0).alerts())
        .extracting(a -> a.kind())
        .containsExactly("CNAME_AT_APEX");
  }

  @Test
  void zoneOutsideTheAllowList_getsNoRecords_andIsAlerted() {
    env.put("DDNS_ALLOWED_ZONES", "corp.internal");
    var net = world.network("10.20.0.0/16", null, true);
    String other = world.privateZone("finance.internal", net.vpcId());
    String id = world.launch(net, Map.of("ZONE", "finance.internal"), false);

    Summary summary = running(id);

    assertThat(world.records(other)).isEmpty();
    assertThat(summary.instances().get(0).alerts())
        .extracting(a -> a.kind())
        .containsExactly("ZONE_NOT_ALLOWED");
  }

  private String cnameTarget(String zone) {
    return world.records(zone).stream()
        .filter(r -> r.type() == RecordType.CNAME)
        .findFirst()
        .orElseThrow()
        .values()
        .get(0);
  }
}
