package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordType;
import ddns.plan.Action;
import ddns.run.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample's own test scenarios, corrected where it was wrong, run end to end. */
class RegistrationScenarioTest extends EmulatorTest {

  @Test
  void running_withoutTags_andDefaultDhcp_makesNothing() {
    var net = world.network("10.20.0.0/16", null, true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);

    Summary summary = running(id);

    assertThat(summary.exitStatus()).isZero();
    assertThat(summary.instances())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.action()).isEqualTo(Action.REGISTER);
              assertThat(i.changes()).isEmpty();
              assertThat(i.notes()).anyMatch(n -> n.contains("nothing to register"));
            });
    assertThat(world.records(zone)).isEmpty();
  }

  @Test
  void running_withoutTags_inCustomDhcpDomain_makesARecordAndPointer() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    String host = hostLabel(id);
    String ip = privateIp(id);

    Summary summary = running(id);

    assertThat(summary.exitStatus()).isZero();
    assertThat(world.records(zone))
        .containsExactly(record(host + ".corp.internal", RecordType.A, ip));
    assertThat(world.records(reverse))
        .containsExactly(
            record(
                ip.split("\\.")[3] + ".1.20.10.in-addr.arpa",
                RecordType.PTR,
                host + ".corp.internal."));
    assertThat(registry()).hasSize(3);
  }

  @Test
  void running_withPrivateZoneTag_makesOneARecordAndOnePointer() {
    var net = world.network("10.20.0.0/16", null, true);
    String zone = world.privateZone("dev.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("ZONE", "dev.internal."), false);
    String host = hostLabel(id);

    Summary summary = running(id);

    assertThat(world.records(zone))
        .containsExactly(record(host + ".dev.internal", RecordType.A, privateIp(id)));
    assertThat(world.records(reverse))
        .singleElement()
        .satisfies(ptr -> assertThat(ptr.values()).containsExactly(host + ".dev.internal."));
    assertThat(summary.instances().get(0).changes()).hasSize(2);
  }

  @Test
  void running_withCnameTag_inDhcpZone_aliasesTheARecord_andPointerNamesTheAlias() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);
    String host = hostLabel(id);

    running(id);

    assertThat(world.records(zone))
        .containsExactly(
            record(host + ".corp.internal", RecordType.A, privateIp(id)),
            record("web.corp.internal", RecordType.CNAME, host + ".corp.internal."));
    assertThat(world.records(reverse))
        .singleElement()
        .satisfies(ptr -> assertThat(ptr.values()).containsExactly("web.corp.internal."));
  }

  @Test
  void running_withCnameTag_withoutDhcpZone_aliasesThePrivateDnsName_andCreatesTheReverseZone() {
    var net = world.network("10.20.0.0/16", null, true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of("CNAME", "web.corp.internal."), false);
    String privateDns = world.describe(id).privateDnsName();

    Summary summary = running(id);

    assertThat(world.records(zone))
        .containsExactly(record("web.corp.internal", RecordType.CNAME, privateDns + "."));
    String reverse = world.zoneIdNamed("1.20.10.in-addr.arpa.");
    assertThat(world.route53.getHostedZone(r -> r.id(reverse)).vpCs())
        .extracting(v -> v.vpcId())
        .contains(net.vpcId());
    assertThat(world.records(reverse))
        .singleElement()
        .satisfies(ptr -> assertThat(ptr.values()).containsExactly("web.corp.internal."));
    assertThat(summary.instances().get(0).zoneActions())
        .singleElement()
        .asString()
        .contains("create private zone");
  }

  @Test
  void running_publicInstance_withCnameTag_andSplitHorizonZones_aliasesBothSides() {
    var net = world.network("10.20.0.0/16", null, true);
    String privateZone = world.privateZone("example.com", net.vpcId());
    String publicZone = world.publicZone("example.com");
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("CNAME", "www.example.com"), true);
    var instance = world.describe(id);

    running(id);

    assertThat(world.records(privateZone))
        .containsExactly(
            record("www.example.com", RecordType.CNAME, instance.privateDnsName() + "."));
    assertThat(world.records(publicZone))
        .containsExactly(
            record("www.example.com", RecordType.CNAME, instance.publicDnsName() + "."));
  }

  @Test
  void running_publicInstance_withCnameInPublicZoneOnly_aliasesThePublicName_withoutPointer() {
    var net = world.network("10.20.0.0/16", null, true);
    String publicZone = world.publicZone("example.com");
    String id = world.launch(net, Map.of("CNAME", "www.example.com"), true);

    Summary summary = running(id);

    assertThat(world.records(publicZone))
        .containsExactly(
            record("www.example.com", RecordType.CNAME, world.describe(id).publicDnsName() + "."));
    assertThat(summary.instances().get(0).changes()).hasSize(1);
    assertThat(summary.instances().get(0).zoneActions()).isEmpty();
  }

  @Test
  void running_withZoneTag_namingPrivateAndPublicZones_writesBothAddresses() {
    var net = world.network("10.20.0.0/16", null, true);
    String privateZone = world.privateZone("example.com", net.vpcId());
    String publicZone = world.publicZone("example.com");
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("ZONE", "example.com"), true);
    var instance = world.describe(id);
    String host = hostLabel(id);

    running(id);

    assertThat(world.records(privateZone))
        .containsExactly(record(host + ".example.com", RecordType.A, instance.privateIpAddress()));
    assertThat(world.records(publicZone))
        .containsExactly(record(host + ".example.com", RecordType.A, instance.publicIpAddress()));
  }

  @Test
  void running_withZoneAndCnameTags_composes_aRecordFromZone_aliasFromCname_pointerToAlias() {
    var net = world.network("10.20.0.0/16", null, true);
    String zone = world.privateZone("dev.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id =
        world.launch(net, Map.of("ZONE", "dev.internal", "CNAME", "api.dev.internal"), false);
    String host = hostLabel(id);

    running(id);

    assertThat(world.records(zone))
        .containsExactly(
            record("api.dev.internal", RecordType.CNAME, host + ".dev.internal."),
            record(host + ".dev.internal", RecordType.A, privateIp(id)));
    assertThat(world.records(reverse))
        .singleElement()
        .satisfies(ptr -> assertThat(ptr.values()).containsExactly("api.dev.internal."));
  }

  @Test
  void running_inVpcWithDnsSupportDisabled_alertsAndWritesNoPrivateRecords() {
    var net = world.network("10.20.0.0/16", "corp.internal", false);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);

    Summary summary = running(id);

    assertThat(world.records(zone)).isEmpty();
    assertThat(summary.instances().get(0).alerts())
        .singleElement()
        .satisfies(a -> assertThat(a.kind()).isEqualTo("DNS_SUPPORT_DISABLED"));
    assertThat(world.alerts())
        .singleElement()
        .asString()
        .contains(id)
        .contains("DNS support is disabled");
    assertThat(summary.exitStatus()).isZero();
  }

  @Test
  void running_inDhcpOptionSetWithSeveralDomains_registersInEveryMatchingZone() {
    var net = world.network("10.20.0.0/16", "corp.internal example.org", true);
    String corp = world.privateZone("corp.internal", net.vpcId());
    String example = world.privateZone("example.org", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    String host = hostLabel(id);

    running(id);

    assertThat(world.records(corp))
        .containsExactly(record(host + ".corp.internal", RecordType.A, privateIp(id)));
    assertThat(world.records(example))
        .containsExactly(record(host + ".example.org", RecordType.A, privateIp(id)));
    assertThat(world.records(reverse))
        .singleElement()
        .satisfies(ptr -> assertThat(ptr.values()).containsExactly(host + ".corp.internal."));
  }
}
