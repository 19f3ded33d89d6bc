package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * What DNS and the registry must hold when everything has settled, worked out from EC2's current
 * state of a fleet in one DHCP zone ({@code corp.internal}) with optional CNAME tags, and checked
 * record by record: no record missing, none left over, every registry item and claim exactly right.
 */
final class Converged {
  private final AwsWorld world;
  private final String zone;
  private final String reverse;
  private int recordsChecked;

  Converged(AwsWorld world, String zone, String reverse) {
    this.world = world;
    this.zone = zone;
    this.reverse = reverse;
  }

  int recordsChecked() {
    return recordsChecked;
  }

  /** Asserts the end state for these instances; returns the number of record sets checked. */
  int check(List<String> instanceIds) {
    List<Instance> running = new ArrayList<>();
    for (String id : instanceIds) {
      Instance instance = world.describe(id);
      if (instance.state().nameAsString().equals("running")) {
        running.add(instance);
      }
    }
    List<RecordSet> forward = new ArrayList<>();
    List<RecordSet> pointers = new ArrayList<>();
    Map<String, Instance> aliasWinner = new TreeMap<>();
    Map<String, Set<String>> claimants = new TreeMap<>();
    Map<String, Set<String>> owned = new TreeMap<>();
    for (Instance i : running) {
      String host = i.privateDnsName().split("\\.")[0] + ".corp.internal.";
      String ip = i.privateIpAddress();
      String ptrName = reverseName(ip);
      String alias = cnameTag(i);
      forward.add(new RecordSet(ddns.dns.DnsName.parse(host), RecordType.A, 60, List.of(ip)));
      pointers.add(
          new RecordSet(
              ddns.dns.DnsName.parse(ptrName),
              RecordType.PTR,
              60,
              List.of(alias != null ? alias : host)));
      Set<String> keys =
          new TreeSet<>(List.of(zone + "|" + host + "|A", reverse + "|" + ptrName + "|PTR"));
      claimants.put(zone + "|" + host + "|A", Set.of(i.instanceId()));
      claimants.put(reverse + "|" + ptrName + "|PTR", Set.of(i.instanceId()));
      if (alias != null) {
        String key = zone + "|" + alias + "|CNAME";
        keys.add(key);
        claimants.computeIfAbsent(key, k -> new TreeSet<>()).add(i.instanceId());
        aliasWinner.merge(alias, i, Converged::newer);
      }
      owned.put(i.instanceId(), keys);
    }
    aliasWinner.forEach(
        (alias, winner) ->
            forward.add(
                new RecordSet(
                    ddns.dns.DnsName.parse(alias),
                    RecordType.CNAME,
                    60,
                    List.of(winner.privateDnsName().split("\\.")[0] + ".corp.internal."))));

    assertThat(world.records(zone))
        .as("records in corp.internal")
        .containsExactlyInAnyOrderElementsOf(forward);
    assertThat(world.records(reverse))
        .as("records in the reverse zone")
        .containsExactlyInAnyOrderElementsOf(pointers);
    assertRegistry(owned, claimants);
    int checked = forward.size() + pointers.size();
    recordsChecked += checked;
    return checked;
  }

  private void assertRegistry(Map<String, Set<String>> owned, Map<String, Set<String>> claimants) {
    Map<String, Set<String>> items = new TreeMap<>();
    Map<String, Set<String>> claims = new TreeMap<>();
    for (Map<String, AttributeValue> item : world.registryItems("DDNS")) {
      if (item.get("ItemType").s().equals("alerts")) {
        continue;
      }
      if (item.get("ItemType").s().equals("claim")) {
        String key =
            item.get("ZoneId").s() + "|" + item.get("Name").s() + "|" + item.get("Type").s();
        claims.put(key, new TreeSet<>(item.get("Claimants").m().keySet()));
      } else {
        Set<String> keys = new TreeSet<>();
        item.get("Records")
            .l()
            .forEach(
                r ->
                    keys.add(
                        r.m().get("ZoneId").s()
                            + "|"
                            + r.m().get("Name").s()
                            + "|"
                            + r.m().get("Type").s()));
        items.put(item.get("InstanceId").s(), keys);
      }
    }
    Map<String, Set<String>> expectedClaims = new HashMap<>();
    claimants.forEach((k, v) -> expectedClaims.put(k, new TreeSet<>(v)));
    assertThat(items).as("registry instance items").isEqualTo(owned);
    assertThat(claims).as("registry claims").isEqualTo(expectedClaims);
  }

  /** Most recently launched wins; equal launch times go to the higher instance id. */
  static Instance newer(Instance a, Instance b) {
    Comparator<Instance> order =
        Comparator.comparing(Instance::launchTime).thenComparing(Instance::instanceId);
    return order.compare(a, b) >= 0 ? a : b;
  }

  private static String cnameTag(Instance i) {
    return i.tags().stream()
        .filter(t -> t.key().equals("CNAME"))
        .map(t -> t.value().endsWith(".") ? t.value() : t.value() + ".")
        .findFirst()
        .orElse(null);
  }

  private static String reverseName(String ip) {
    String[] o = ip.split("\\.");
    return o[3] + "." + o[2] + "." + o[1] + "." + o[0] + ".in-addr.arpa.";
  }
}
