package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordType;
import ddns.run.Summary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/behaviour.md, "Names" and "Events": addresses that move while the instance runs, and every
 * address of an instance when asked.
 */
class AddressScenarioTest extends EmulatorTest {

  @Test
  void anElasticIpAssociatedAfterLaunch_movesThePublicRecord_andItsDisassociationTakesItAway() {
    var net = world.network("10.20.0.0/16", null, true);
    String outside = world.publicZone("example.com");
    String id = world.launch(net, Map.of("HOSTNAME", "www.example.com"), false);
    running(id);
    assertThat(publicA(outside)).isEmpty();
    var allocation = world.ec2.allocateAddress(r -> r.domain("vpc"));
    String association =
        world
            .ec2
            .associateAddress(r -> r.allocationId(allocation.allocationId()).instanceId(id))
            .associationId();

    Summary associated =
        handle(Events.addressAssociated(id, allocation.allocationId(), association));

    assertThat(associated.exitStatus()).isZero();
    assertThat(publicA(outside)).containsExactly(allocation.publicIp());

    world.ec2.disassociateAddress(r -> r.associationId(association));
    Summary disassociated = handle(Events.addressDisassociated(association));

    assertThat(disassociated.exitStatus()).isZero();
    assertThat(disassociated.notes()).anyMatch(n -> n.contains("names no instance"));
    assertThat(publicA(outside)).doesNotContain(allocation.publicIp());
  }

  @Test
  void allAddresses_givesSecondaryPrivateAddressesTheirRecordsAndPointers() {
    env.put("DDNS_ALL_ADDRESSES", "true");
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    String eni = world.describe(id).networkInterfaces().get(0).networkInterfaceId();
    world.ec2.assignPrivateIpAddresses(
        r -> r.networkInterfaceId(eni).secondaryPrivateIpAddressCount(2));
    List<String> secondary =
        world.describe(id).networkInterfaces().get(0).privateIpAddresses().stream()
            .filter(a -> !Boolean.TRUE.equals(a.primary()))
            .map(a -> a.privateIpAddress())
            .toList();

    running(id);

    assertThat(secondary).hasSize(2);
    for (String ip : secondary) {
      String label = "ip-" + ip.replace('.', '-');
      assertThat(world.records(corp)).contains(record(label + ".corp.internal", RecordType.A, ip));
      assertThat(world.records(reverse))
          .contains(
              record(
                  ip.split("\\.")[3] + ".1.20.10.in-addr.arpa",
                  RecordType.PTR,
                  label + ".corp.internal."));
    }

    String lost = "ip-" + secondary.get(0).replace('.', '-') + ".corp.internal";
    world.deleteRecord(corp, lost, RecordType.A);
    app().reconcile(false);

    assertThat(world.records(corp)).contains(record(lost, RecordType.A, secondary.get(0)));

    stopped(id);

    assertThat(world.records(corp)).isEmpty();
    assertThat(world.records(reverse)).isEmpty();
  }

  private List<String> publicA(String zone) {
    return world.records(zone).stream()
        .filter(r -> r.type() == RecordType.A && r.name().value().equals("www.example.com."))
        .flatMap(r -> r.values().stream())
        .toList();
  }
}
