package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.alert.AlertKind;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.facts.InstanceId;
import ddns.run.Explanation;
import ddns.run.Summary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/behaviour.md, "Names": host names, the fleet's pattern and pools, end to end. */
class NamesScenarioTest extends EmulatorTest {

  @Test
  void hostName_inAPrivateZone_getsItsARecord_andThePointerNamesIt() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("HOSTNAME", "db01"), false);
    String ip = privateIp(id);

    Summary summary = running(id);

    assertThat(summary.exitStatus()).isZero();
    assertThat(world.records(zone))
        .containsExactlyInAnyOrder(
            record(hostLabel(id) + ".corp.internal", RecordType.A, ip),
            record("db01.corp.internal", RecordType.A, ip));
    assertThat(world.records(reverse))
        .containsExactly(
            record(
                ip.split("\\.")[3] + ".1.20.10.in-addr.arpa",
                RecordType.PTR,
                "db01.corp.internal."));

    stopped(id);

    assertThat(world.records(zone)).isEmpty();
    assertThat(world.records(reverse)).isEmpty();
  }

  @Test
  void hostName_inSplitHorizon_isThePrivateAddressInside_andThePublicOneOutside() {
    var net = world.network("10.20.0.0/16", null, true);
    String inside = world.privateZone("example.com", net.vpcId());
    String outside = world.publicZone("example.com");
    env.put("DDNS_ASSOCIATE_ZONES", "example.com");
    String id = world.launch(net, Map.of("HOSTNAME", "www.example.com"), true);
    String publicIp = world.describe(id).publicIpAddress();

    running(id);

    assertThat(world.records(inside))
        .containsExactly(record("www.example.com", RecordType.A, privateIp(id)));
    assertThat(world.records(outside))
        .filteredOn(r -> r.type() == RecordType.A)
        .containsExactly(record("www.example.com", RecordType.A, publicIp));
  }

  @Test
  void hostNameHeldByAnotherInstance_isAlerted_theHolderKeepsIt_andItMovesOnlyOnceFree() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String holder = world.launch(net, Map.of("HOSTNAME", "api"), false);
    String later = world.launch(net, Map.of("HOSTNAME", "api"), false);
    running(holder);

    Summary second = running(later);

    assertThat(apiRecord(zone)).containsExactly(privateIp(holder));
    assertThat(second.instances().get(0).alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.NAME_TAKEN.name());
              assertThat(a.message()).contains("is held by " + holder);
            });
    assertThat(world.alerts()).anyMatch(m -> m.contains("NAME_TAKEN") && m.contains(holder));

    stopped(holder);
    app().reconcile(false);

    assertThat(apiRecord(zone)).containsExactly(privateIp(later));
  }

  @Test
  void pattern_namesTheFleetFromItsNameTag_evenAnAwkwardOne() {
    env.put("DDNS_HOSTNAME_PATTERN", "{tag:Name}");
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("Name", "Web Server #1"), false);

    running(id);
    Explanation plan = app().explain(InstanceId.of(id));

    assertThat(world.records(zone))
        .contains(record("web-server-1.corp.internal", RecordType.A, privateIp(id)));
    assertThat(plan.records())
        .anySatisfy(
            r -> {
              assertThat(r.name()).isEqualTo("web-server-1.corp.internal.");
              assertThat(r.reason())
                  .isEqualTo(
                      "DDNS_HOSTNAME_PATTERN {tag:Name} gives web-server-1; placed in private zone"
                          + " corp.internal., with the private address");
            });
  }

  @Test
  void pool_growsToThree_andShrinksToNothing_memberByMember() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    List<String> members =
        List.of(
            world.launch(net, Map.of("POOL", "web"), false),
            world.launch(net, Map.of("POOL", "web"), false),
            world.launch(net, Map.of("POOL", "web"), false));
    List<String> ips = members.stream().map(this::privateIp).sorted().toList();

    for (String id : members) {
      running(id);
    }
    List<String> full = webRecord(zone);
    stopped(members.get(1));
    List<String> two = webRecord(zone);
    stopped(members.get(0));
    stopped(members.get(2));

    assertThat(full).containsExactlyElementsOf(ips);
    assertThat(two)
        .containsExactlyElementsOf(
            List.of(privateIp(members.get(0)), privateIp(members.get(2))).stream()
                .sorted()
                .toList());
    assertThat(webRecord(zone)).isEmpty();
    assertThat(registry())
        .noneMatch(item -> item.containsKey("Name") && item.get("Name").s().startsWith("web."));
  }

  @Test
  void reconcile_repairsAHostNameAndAPool_deletedByHand() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("HOSTNAME", "api", "POOL", "web"), false);
    running(id);
    List<RecordSet> before = world.records(zone);
    world.deleteRecord(zone, "api.corp.internal", RecordType.A);
    world.deleteRecord(zone, "web.corp.internal", RecordType.A);

    Summary summary = app().reconcile(false);

    assertThat(summary.metrics()).containsEntry("DriftFound", 2L);
    assertThat(world.records(zone)).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void taggingAHostNameOrThePatternsTag_onARunningInstance_namesItAtOnce() {
    env.put("DDNS_HOSTNAME_PATTERN", "{tag:Name}");
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String tagged = world.launch(net, Map.of(), false);
    String named = world.launch(net, Map.of(), false);
    running(tagged);
    running(named);
    world.ec2.createTags(r -> r.resources(tagged).tags(t -> t.key("HOSTNAME").value("api")));
    world.ec2.createTags(r -> r.resources(named).tags(t -> t.key("Name").value("Db 2")));

    handle(Events.tagChange(tagged, "CreateTags", "HOSTNAME", "api"));
    handle(Events.tagChange(named, "CreateTags", "Name", "Db 2"));

    assertThat(apiRecord(zone)).containsExactly(privateIp(tagged));
    assertThat(valuesAt(zone, "db-2.corp.internal.")).containsExactly(privateIp(named));
  }

  /** The same through EventBridge's own tag event, which needs no CloudTrail trail. */
  @Test
  void aTagServiceEvent_namesARunningInstanceAtOnce_asACloudTrailTagCallDoes() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    running(id);
    world.ec2.createTags(r -> r.resources(id).tags(t -> t.key("HOSTNAME").value("api")));

    handle(Events.tagServiceChange(id, "HOSTNAME"));

    assertThat(apiRecord(zone)).containsExactly(privateIp(id));
  }

  private List<String> apiRecord(String zone) {
    return valuesAt(zone, "api.corp.internal.");
  }

  private List<String> webRecord(String zone) {
    return valuesAt(zone, "web.corp.internal.");
  }

  private List<String> valuesAt(String zone, String name) {
    return world.records(zone).stream()
        .filter(r -> r.name().value().equals(name))
        .flatMap(r -> r.values().stream())
        .toList();
  }
}
