package ddns.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ddns.dns.DesiredRecord;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.Sharing;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.registry.Claim;
import ddns.registry.Claimant;
import ddns.registry.Ownership;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The registry's item layout, pinned by golden files in DynamoDB's JSON form: what an installed
 * table holds must keep reading back the same, whatever the code becomes.
 */
class RegistryItemsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final InstanceId ID = InstanceId.of("i-0123456789abcdef0");
  private static final Instant LAUNCHED = Instant.parse("2026-11-26T08:00:00Z");
  private static final DnsName ZONE_NAME = DnsName.parse("corp.internal");
  private static final RecordKey A =
      new RecordKey(
          ZoneId.of("Z0123CORP"), DnsName.parse("ip-10-0-1-4.corp.internal"), RecordType.A);

  @Test
  void instanceItem_matchesTheGoldenFile_andReadsBackEqual() throws IOException {
    Ownership owner =
        new Ownership(
            ID,
            3,
            LAUNCHED,
            List.of(
                new DesiredRecord(
                    A, ZONE_NAME, new RecordSet(A.name(), RecordType.A, 60, List.of("10.0.1.4")))),
            Map.of("state", "running", "privateIp", "10.0.1.4"));

    Map<String, AttributeValue> item = RegistryItems.item(owner);

    assertThat(render(item)).isEqualTo(golden("instance-item.json"));
    assertThat(RegistryItems.ownership(item)).isEqualTo(owner);
  }

  @Test
  void claimItem_matchesTheGoldenFile_andReadsBackEqual() throws IOException {
    InstanceId other = InstanceId.of("i-0fedcba9876543210");
    Claim claim =
        new Claim(
            A,
            ZONE_NAME,
            2,
            Map.of(
                ID, new Claimant(ID, LAUNCHED, 60, List.of("10.0.1.4")),
                other, new Claimant(other, LAUNCHED.plusSeconds(60), 60, List.of("10.0.1.5"))));

    Map<String, AttributeValue> item = RegistryItems.item(claim);

    assertThat(render(item)).isEqualTo(golden("claim-item.json"));
    assertThat(RegistryItems.claim(item)).isEqualTo(claim);
    assertThat(RegistryItems.text(item, RegistryItems.KEY))
        .isEqualTo("claim|Z0123CORP|ip-10-0-1-4.corp.internal.|A");
  }

  @Test
  void poolClaimAndCreatedZone_matchTheirGoldenFiles_andThePoolReadsBackEqual() throws IOException {
    RecordKey pool =
        new RecordKey(ZoneId.of("Z0123CORP"), DnsName.parse("web.corp.internal"), RecordType.A);
    InstanceId other = InstanceId.of("i-0fedcba9876543210");
    Claim claim =
        new Claim(
            pool,
            ZONE_NAME,
            4,
            Map.of(
                ID, new Claimant(ID, LAUNCHED, 60, List.of("10.0.1.4")),
                other, new Claimant(other, LAUNCHED, 60, List.of("10.0.1.5"))),
            Sharing.POOL);
    HostedZone created =
        new HostedZone(
            ZoneId.of("Z0456REV"),
            DnsName.parse("1.0.10.in-addr.arpa"),
            true,
            0,
            java.util.Optional.of("vpc-0123456789abcdef0"));

    Map<String, AttributeValue> item = RegistryItems.item(claim);

    assertThat(render(item)).isEqualTo(golden("pool-claim-item.json"));
    assertThat(RegistryItems.claim(item)).isEqualTo(claim);
    assertThat(render(RegistryItems.zoneItem(created))).isEqualTo(golden("zone-item.json"));
  }

  @Test
  void alertItem_matchesTheGoldenFile() throws IOException {
    Map<String, AttributeValue> item =
        RegistryItems.alertItem(
            ID.value(), "9f86d081884c7d65", Instant.parse("2026-11-27T08:00:00Z"));

    assertThat(render(item)).isEqualTo(golden("alert-item.json"));
  }

  @Test
  void snapshot_skipsTheSamplesItemsAndDamagedOnes_naming_them_andReadsTheRest() {
    Ownership owner = new Ownership(ID, 1, LAUNCHED, List.of(), Map.of());
    Map<String, AttributeValue> sample =
        Map.of(
            "InstanceId", AttributeValue.fromS("i-0aaaaaaaaaaaaaaaa"),
            "InstanceAttributes", AttributeValue.fromS("{'Reservations': []}"));
    Map<String, AttributeValue> damaged =
        Map.of(
            "InstanceId", AttributeValue.fromS("i-0bbbbbbbbbbbbbbbb"),
            "ItemType", AttributeValue.fromS("instance"));

    var snapshot = RegistryItems.snapshot(List.of(RegistryItems.item(owner), sample, damaged));

    assertThat(snapshot.owners()).containsOnlyKeys(ID);
    assertThat(snapshot.unreadable())
        .containsEntry("i-0aaaaaaaaaaaaaaaa", RegistryItems.SAMPLE)
        .containsKey("i-0bbbbbbbbbbbbbbbb");
    assertThat(snapshot.unreadable().get("i-0bbbbbbbbbbbbbbbb")).startsWith("cannot be read");
  }

  @Test
  void index_sortsAListingByKind_withEachClaimsClaimants_andLeavesOutWhatIsNone() {
    InstanceId member = InstanceId.of("222222222222/eu-west-1/i-0fedcba9876543210");
    Claim claim =
        new Claim(
            A,
            ZONE_NAME,
            2,
            Map.of(
                ID, new Claimant(ID, LAUNCHED, 60, List.of("10.0.1.4")),
                member, new Claimant(member, LAUNCHED, 60, List.of("10.0.1.5"))));
    Map<String, AttributeValue> listedClaim = new HashMap<>(RegistryItems.item(claim));
    listedClaim.keySet().retainAll(Set.of("InstanceId", "Claimants")); // as the Scan projects it

    var index =
        RegistryItems.index(
            List.of(
                key(ID.value()),
                key(member.value()),
                listedClaim,
                key("zone|Z0456REV"),
                key("alerts|" + ID.value()),
                key("claim|damaged"),
                key("not-an-instance")));

    assertThat(index.instances()).containsExactlyInAnyOrder(ID, member);
    assertThat(index.claims()).containsOnlyKeys(A);
    assertThat(index.claims().get(A)).containsExactlyInAnyOrder(ID, member);
    assertThat(index.createdZones()).containsExactly(ZoneId.of("Z0456REV"));
  }

  private static Map<String, AttributeValue> key(String key) {
    return Map.of("InstanceId", AttributeValue.fromS(key));
  }

  private static JsonNode golden(String name) throws IOException {
    try (InputStream in = RegistryItemsTest.class.getResourceAsStream("/golden/dynamodb/" + name)) {
      return JSON.readTree(in);
    }
  }

  /** DynamoDB's JSON form of an item: {"S": …}, {"N": …}, {"L": […]}, {"M": {…}}. */
  private static JsonNode render(Map<String, AttributeValue> item) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    new TreeMap<>(item).forEach((k, v) -> node.set(k, render(v)));
    return node;
  }

  private static JsonNode render(AttributeValue v) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (v.s() != null) {
      node.put("S", v.s());
    } else if (v.n() != null) {
      node.put("N", v.n());
    } else if (v.hasL()) {
      ArrayNode list = node.putArray("L");
      v.l().forEach(e -> list.add(render(e)));
    } else if (v.hasM()) {
      node.set("M", render(v.m()));
    } else {
      throw new IllegalArgumentException("type not used by the registry: " + v);
    }
    return node;
  }
}
