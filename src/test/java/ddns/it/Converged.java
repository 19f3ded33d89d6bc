package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
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

  /** The id of the reverse zone that holds a pointer, by the pointer's name. */
  private final UnaryOperator<String> reverseOf;

  /** The reverse zones checked: each holds exactly the pointers expected in it. */
  private final Collection<String> reverseZones;

  private int recordsChecked;

  Converged(AwsWorld world, String zone, String reverse) {
    this(world, zone, pointer -> reverse, List.of(reverse));
  }

  private Converged(
      AwsWorld world,
      String zone,
      UnaryOperator<String> reverseOf,
      Collection<String> reverseZones) {
    this.world = world;
    this.zone = zone;
    this.reverseOf = reverseOf;
    this.reverseZones = List.copyOf(reverseZones);
  }

  /**
   * A fleet whose addresses span several /24s: {@code reverseZones} holds each /24's reverse zone
   * id by the zone's name ({@code 64.0.10.in-addr.arpa.}), and every one of them is checked.
   */
  static Converged acrossReverseZones(
      AwsWorld world, String zone, Map<String, String> reverseZones) {
    UnaryOperator<String> reverseOf =
        pointer -> {
          String zoneName = pointer.substring(pointer.indexOf('.') + 1);
          String id = reverseZones.get(zoneName);
          if (id == null) {
            throw new AssertionError("no reverse zone " + zoneName + " for " + pointer);
          }
          return id;
        };
    return new Converged(world, zone, reverseOf, reverseZones.values());
  }

  int recordsChecked() {
    return recordsChecked;
  }

  /** Asserts the end state for these instances; returns the number of record sets checked. */
  int check(List<String> instanceIds) {
    List<Instance> running = running(instanceIds);
    List<RecordSet> forward = new ArrayList<>();
    Map<String, List<RecordSet>> pointers = new TreeMap<>();
    Map<String, Instance> aliasWinner = new TreeMap<>();
    Map<String, Set<String>> claimants = new TreeMap<>();
    Map<String, Set<String>> owned = new TreeMap<>();
    for (Instance i : running) {
      String host = i.privateDnsName().split("\\.")[0] + ".corp.internal.";
      String ip = i.privateIpAddress();
      String ptrName = reverseName(ip);
      String alias = cnameTag(i);
      String reverse = reverseOf.apply(ptrName);
      forward.add(new RecordSet(ddns.dns.DnsName.parse(host), RecordType.A, 60, List.of(ip)));
      pointers
          .computeIfAbsent(reverse, z -> new ArrayList<>())
          .add(
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
    for (String reverse : reverseZones) {
      assertThat(world.records(reverse))
          .as("records in the reverse zone %s", reverse)
          .containsExactlyInAnyOrderElementsOf(pointers.getOrDefault(reverse, List.of()));
    }
    assertRegistry(owned, claimants);
    int checked = forward.size() + pointers.values().stream().mapToInt(List::size).sum();
    recordsChecked += checked;
    return checked;
  }

  /** The instances among these that EC2 reports running, described 200 at a time. */
  private List<Instance> running(List<String> instanceIds) {
    List<Instance> running = new ArrayList<>();
    for (int from = 0; from < instanceIds.size(); from += 200) {
      List<String> chunk = instanceIds.subList(from, Math.min(instanceIds.size(), from + 200));
      world
          .ec2
          .describeInstancesPaginator(r -> r.instanceIds(chunk))
          .reservations()
          .forEach(
              res ->
                  res.instances().stream()
                      .filter(i -> i.state().nameAsString().equals("running"))
                      .forEach(running::add));
    }
    return running;
  }

  private void assertRegistry(Map<String, Set<String>> owned, Map<String, Set<String>> claimants) {
    Map<String, Set<String>> items = new TreeMap<>();
    Map<String, Set<String>> claims = new TreeMap<>();
    for (Map<String, AttributeValue> item : world.registryItems("DDNS")) {
      String type = item.get("ItemType").s();
      if (!type.equals("claim") && !type.equals("instance")) {
        continue; // alert memory, and the reverse zones the tool created
      }
      if (type.equals("claim")) {
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
