package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordType;
import ddns.run.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/behaviour.md, "Reverse zones": pointers go to the zone that fits the network; the zones the
 * tool creates are listed in its registry and deleted when empty (on request) and on uninstall,
 * never while something else is in them.
 */
class ReverseZoneLifecycleTest extends EmulatorTest {

  @Test
  void anExistingTenSlash8Zone_takesThePointer_andNoSlash24IsCreated() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String ten = world.privateZone("10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    String ip = privateIp(id);

    assertThat(running(id).exitStatus()).isZero();

    assertThat(world.zoneIdsNamed("1.20.10.in-addr.arpa.")).isEmpty();
    assertThat(world.records(ten))
        .containsExactly(
            record(
                ip.split("\\.")[3] + ".1.20.10.in-addr.arpa",
                RecordType.PTR,
                hostLabel(id) + ".corp.internal."));
  }

  @Test
  void uninstallingOneInstallation_leavesTheZonesAnotherInTheSameAccountCreated() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    running(id);
    stopped(id);
    String reverse = world.zoneIdNamed("1.20.10.in-addr.arpa.");
    // A second installation in the account: its own registry, which lists none of these zones.
    env.put("DDNS_TABLE", "DDNS-second");
    restartApp();

    Summary summary = app().uninstall(false);

    assertThat(summary.exitStatus()).isZero();
    assertThat(world.zoneIdsNamed("1.20.10.in-addr.arpa.")).containsExactly(reverse);
  }

  @Test
  void aCreatedZone_isListedInTheRegistry_andDeletedWithItsLastRecord_whenAskedTo() {
    env.put("DDNS_DELETE_EMPTY_REVERSE_ZONES", "true");
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String first = world.launch(net, Map.of(), false);
    String second = world.launch(net, Map.of(), false);
    running(first);
    running(second);
    String reverse = world.zoneIdNamed("1.20.10.in-addr.arpa.");
    assertThat(registryKeys()).contains("zone|" + reverse);

    Summary one = stopped(first);
    boolean keptWithOneLeft = world.zoneIdsNamed("1.20.10.in-addr.arpa.").contains(reverse);
    Summary last = stopped(second);

    assertThat(one.exitStatus()).isZero();
    assertThat(keptWithOneLeft).isTrue();
    assertThat(one.instances().get(0).notes())
        .as("a zone still in use needs no word")
        .noneMatch(n -> n.contains("reverse zone"));
    assertThat(world.zoneIdsNamed("1.20.10.in-addr.arpa.")).isEmpty();
    assertThat(last.instances().get(0).notes())
        .contains("reverse zone 1.20.10.in-addr.arpa. (" + reverse + ") was empty and is deleted");
    assertThat(registryKeys()).doesNotContain("zone|" + reverse);

    running(world.launch(net, Map.of(), false));

    assertThat(world.zoneIdsNamed("1.20.10.in-addr.arpa.")).hasSize(1);
  }

  @Test
  void byDefault_anEmptiedCreatedZoneStays() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    running(id);

    stopped(id);

    assertThat(world.zoneIdsNamed("1.20.10.in-addr.arpa.")).hasSize(1);
  }

  @Test
  void
      uninstall_removesEveryRecordAndItem_deletesTheEmptyCreatedZone_andKeepsTheOneWithAForeignRecord() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", net.vpcId());
    String a = world.launch(net, Map.of("HOSTNAME", "api"), false);
    running(a);
    var other = world.network("10.30.0.0/16", "corp.internal", true);
    world.route53.associateVPCWithHostedZone(
        r -> r.hostedZoneId(corp).vpc(v -> v.vpcId(other.vpcId()).vpcRegion("us-east-1")));
    String b = world.launch(other, Map.of(), false);
    running(b);
    String emptied = world.zoneIdNamed("1.20.10.in-addr.arpa.");
    String foreign = world.zoneIdNamed("1.30.10.in-addr.arpa.");
    world.handWrittenRecord(foreign, "99.1.30.10.in-addr.arpa.", "PTR", "printer.corp.internal.");
    world.handWrittenRecord(corp, "mail.corp.internal.", "A", "10.20.1.200");

    Summary dry = app().uninstall(true);
    boolean untouchedByDryRun =
        world.records(corp).size() == 4 && world.zoneIdsNamed("1.20.10.in-addr.arpa.").size() == 1;
    Summary summary = app().uninstall(false);

    assertThat(dry.exitStatus()).isZero();
    assertThat(untouchedByDryRun).isTrue();
    assertThat(dry.notes())
        .as("the dry run counts the records it would delete as gone")
        .anyMatch(n -> n.contains(emptied) && n.contains("is empty: it would be deleted"));
    assertThat(summary.exitStatus()).isZero();
    assertThat(world.records(corp))
        .containsExactly(record("mail.corp.internal", RecordType.A, "10.20.1.200").withTtl(300));
    assertThat(world.zoneIdsNamed("1.20.10.in-addr.arpa.")).isEmpty();
    assertThat(world.zoneIdsNamed("1.30.10.in-addr.arpa.")).containsExactly(foreign);
    assertThat(world.records(foreign))
        .containsExactly(
            record("99.1.30.10.in-addr.arpa", RecordType.PTR, "printer.corp.internal.")
                .withTtl(300));
    assertThat(summary.notes())
        .anyMatch(n -> n.contains(foreign) && n.contains("is kept") && n.contains("PTR"));
    assertThat(registryKeys()).containsExactly("zone|" + foreign);
  }

  private java.util.List<String> registryKeys() {
    return world.registryItems("DDNS").stream().map(item -> item.get("InstanceId").s()).toList();
  }
}
