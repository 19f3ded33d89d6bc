package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordType;
import ddns.run.Summary;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * docs/behaviour.md, "Reverse zones that fit", for IPv6: a dual-stack instance's pointer goes to
 * its subnet's /64 {@code ip6.arpa} zone, created when none covers it and deleted, when asked to,
 * with its last record.
 */
class Ipv6ReverseZoneTest extends EmulatorTest {

  @Test
  void aDualStackInstance_getsItsIpv6PointerInACreatedSlash64Zone_deletedWhenItStops() {
    env.put("DDNS_DELETE_EMPTY_REVERSE_ZONES", "true");
    var dual = world.dualStackNetwork("10.20.0.0/16", "corp.internal");
    String corp = world.privateZone("corp.internal", dual.net().vpcId());
    world.privateZone("10.in-addr.arpa", dual.net().vpcId());
    String id = world.launchDualStack(dual.net(), 1);
    String address = world.ipv6Addresses(id).get(0);
    String host = hostLabel(id) + ".corp.internal.";
    String zoneName = slash64Zone(address);

    Summary dry = app().reconcile(true);

    assertThat(dry.instances())
        .singleElement()
        .satisfies(
            i -> {
              // The pointer goes into the /64 zone the real run creates first: counted too.
              assertThat(i.changes())
                  .extracting(c -> c.type() + " " + c.name())
                  .contains("PTR " + reverseName(address));
              assertThat(i.zoneActions())
                  .anyMatch(a -> a.contains("create private zone " + zoneName));
            });
    assertThat(world.zoneIdsNamed(zoneName)).as("a dry run creates nothing").isEmpty();

    Summary up = running(id);

    assertThat(up.exitStatus()).isZero();
    assertThat(world.zoneIdsNamed(zoneName)).hasSize(1);
    String zone = world.zoneIdNamed(zoneName);
    assertThat(world.records(zone))
        .containsExactly(record(reverseName(address), RecordType.PTR, host));
    assertThat(world.records(corp)).contains(record(host, RecordType.AAAA, address));
    assertThat(up.instances().get(0).zoneActions())
        .anyMatch(a -> a.contains("create private zone " + zoneName));

    Summary down = stopped(id);

    assertThat(down.exitStatus()).isZero();
    assertThat(world.zoneIdsNamed(zoneName)).isEmpty();
    assertThat(down.instances().get(0).notes())
        .contains("reverse zone " + zoneName + " (" + zone + ") was empty and is deleted");
    assertThat(world.records(corp)).noneMatch(r -> r.type() == RecordType.AAAA);
  }

  @Test
  void aCoveringIp6ArpaZone_takesThePointer_andNoSlash64IsCreated() {
    var dual = world.dualStackNetwork("10.20.0.0/16", "corp.internal");
    world.privateZone("corp.internal", dual.net().vpcId());
    world.privateZone("10.in-addr.arpa", dual.net().vpcId());
    String id = world.launchDualStack(dual.net(), 1);
    String address = world.ipv6Addresses(id).get(0);
    // The VPC's /56 as a zone: the first 14 nibbles.
    String slash56 = slash64Zone(address).substring(4);
    String wide = world.privateZone(slash56, dual.net().vpcId());

    running(id);

    assertThat(world.zoneIdsNamed(slash64Zone(address))).isEmpty();
    assertThat(world.records(wide))
        .containsExactly(
            record(reverseName(address), RecordType.PTR, hostLabel(id) + ".corp.internal."));
  }

  /** The 32 nibbles of the address, last first, in ip6.arpa. */
  private static String reverseName(String address) {
    String hex = nibbles(address);
    StringBuilder name = new StringBuilder();
    for (int i = hex.length() - 1; i >= 0; i--) {
      name.append(hex.charAt(i)).append('.');
    }
    return name.append("ip6.arpa.").toString();
  }

  /** The /64 zone: the reverse name without its 16 interface-id nibbles. */
  private static String slash64Zone(String address) {
    return reverseName(address).substring(16 * 2);
  }

  private static String nibbles(String address) {
    try {
      return HexFormat.of().formatHex(InetAddress.getByName(address).getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
  }
}
