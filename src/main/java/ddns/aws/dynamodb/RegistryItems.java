package ddns.aws.dynamodb;

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
import ddns.registry.RegistryIndex;
import ddns.registry.RegistrySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The registry's item layout: instance items and claim items as DynamoDB maps and lists (never
 * printed text, the sample's read-back bug), and back.
 */
final class RegistryItems {
  static final String KEY = "InstanceId";

  private RegistryItems() {}

  static RegistrySnapshot snapshot(Collection<Map<String, AttributeValue>> items) {
    Map<InstanceId, Ownership> owners = new HashMap<>();
    Map<RecordKey, Claim> claims = new HashMap<>();
    Map<String, String> unreadable = new HashMap<>();
    Set<ZoneId> createdZones = new HashSet<>();
    for (Map<String, AttributeValue> item : items) {
      String type = text(item, "ItemType");
      try {
        if ("zone".equals(type)) {
          createdZones.add(ZoneId.of(text(item, "ZoneId")));
        } else if ("claim".equals(type)) {
          Claim claim = claim(item);
          claims.put(claim.key(), claim);
        } else if (type == null && item.containsKey(SAMPLE_ATTRIBUTE)) {
          unreadable.put(keyOf(item), SAMPLE);
        } else if (type == null || "instance".equals(type)) {
          Ownership owner = ownership(item);
          owners.put(owner.instanceId(), owner);
        }
      } catch (RuntimeException e) {
        // One bad item affects only itself: it is reported and skipped, never fatal.
        unreadable.put(keyOf(item), "cannot be read (" + e.getMessage() + ")");
      }
    }
    return new RegistrySnapshot(owners, claims, unreadable, createdZones);
  }

  /** The attribute the AWS sample stored each instance in, as Python's str() printed it. */
  static final String SAMPLE_ATTRIBUTE = "InstanceAttributes";

  static final String SAMPLE = "written by the AWS sample (" + SAMPLE_ATTRIBUTE + ")";

  private static String keyOf(Map<String, AttributeValue> item) {
    String key = text(item, KEY);
    return key == null ? "(an item without " + KEY + ")" : key;
  }

  static String alertKey(String subject) {
    return "alerts|" + subject;
  }

  /** What was last alerted for an instance; DynamoDB's TTL removes it after {@code expiresAt}. */
  static Map<String, AttributeValue> alertItem(
      String subject, String fingerprint, Instant expiresAt) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(KEY, string(alertKey(subject)));
    item.put("ItemType", string("alerts"));
    item.put("Fingerprint", string(fingerprint));
    item.put("ExpiresAt", number(expiresAt.getEpochSecond()));
    return item;
  }

  static final String ZONE_PREFIX = "zone|";

  static String zoneKey(ZoneId zoneId) {
    return ZONE_PREFIX + zoneId.value();
  }

  /** A reverse zone this tool created: the only kind it may delete. */
  static Map<String, AttributeValue> zoneItem(HostedZone zone) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(KEY, string(zoneKey(zone.id())));
    item.put("ItemType", string("zone"));
    item.put("ZoneId", string(zone.id().value()));
    item.put("ZoneName", string(zone.name().value()));
    zone.createdForVpc().ifPresent(vpc -> item.put("VpcId", string(vpc)));
    return item;
  }

  static String claimKey(RecordKey key) {
    return "claim|" + key.zoneId().value() + "|" + key.name().value() + "|" + key.type().name();
  }

  /**
   * A listing of the table (each item's key, and a claim's claimants), by kind: instance items
   * (their key is the instance id), claims (their key parsed back from {@link #claimKey}) with the
   * ids they name, created zones; alert items and keys that read as none of these (not an instance
   * id, a damaged claim) are left out, as they are read by key when needed.
   */
  static RegistryIndex index(Collection<Map<String, AttributeValue>> listed) {
    Set<InstanceId> instances = new HashSet<>();
    Map<RecordKey, Set<InstanceId>> claims = new HashMap<>();
    Set<ZoneId> zones = new HashSet<>();
    for (Map<String, AttributeValue> item : listed) {
      String key = text(item, KEY);
      if (key == null) {
        continue;
      }
      if (key.startsWith(ZONE_PREFIX)) {
        zones.add(ZoneId.of(key.substring(ZONE_PREFIX.length())));
      } else if (key.startsWith("claim|")) {
        try {
          String[] parts = key.split("\\|", 4);
          Set<InstanceId> ids = new HashSet<>();
          item.getOrDefault("Claimants", AttributeValue.fromM(Map.of()))
              .m()
              .keySet()
              .forEach(id -> ids.add(InstanceId.of(id)));
          claims.put(
              new RecordKey(
                  ZoneId.of(parts[1]), DnsName.parse(parts[2]), RecordType.valueOf(parts[3])),
              ids);
        } catch (RuntimeException e) {
          // not a claim the tool wrote: it is reported when read, and never listed
        }
      } else if (InstanceId.isValid(key)) {
        instances.add(InstanceId.of(key));
      }
    }
    return new RegistryIndex(instances, claims, zones);
  }

  static Map<String, AttributeValue> item(Ownership o) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(KEY, string(o.instanceId().value()));
    item.put("ItemType", string("instance"));
    item.put("Version", number(o.version()));
    item.put("LaunchTime", string(o.launchTime().toString()));
    item.put(
        "Records", AttributeValue.fromL(o.records().stream().map(RegistryItems::record).toList()));
    Map<String, AttributeValue> facts = new LinkedHashMap<>();
    o.facts().forEach((k, v) -> facts.put(k, string(v)));
    item.put("Facts", AttributeValue.fromM(facts));
    return item;
  }

  static Map<String, AttributeValue> item(Claim c) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(KEY, string(claimKey(c.key())));
    item.put("ItemType", string("claim"));
    item.put("Version", number(c.version()));
    item.put("ZoneId", string(c.key().zoneId().value()));
    item.put("ZoneName", string(c.zoneName().value()));
    item.put("Name", string(c.key().name().value()));
    item.put("Type", string(c.key().type().name()));
    Map<String, AttributeValue> claimants = new LinkedHashMap<>();
    c.claimants()
        .forEach(
            (id, claimant) ->
                claimants.put(id.value(), AttributeValue.fromM(claimantItem(claimant))));
    item.put("Claimants", AttributeValue.fromM(claimants));
    if (c.sharing() != Sharing.LATEST) {
      item.put("Sharing", string(c.sharing().label()));
    }
    return item;
  }

  static AttributeValue record(DesiredRecord r) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("ZoneId", string(r.key().zoneId().value()));
    m.put("ZoneName", string(r.zoneName().value()));
    m.put("Name", string(r.key().name().value()));
    m.put("Type", string(r.key().type().name()));
    m.put("Ttl", number(r.content().ttl()));
    m.put(
        "Values",
        AttributeValue.fromL(r.content().values().stream().map(RegistryItems::string).toList()));
    if (r.sharing() != Sharing.LATEST) {
      m.put("Sharing", string(r.sharing().label()));
    }
    return AttributeValue.fromM(m);
  }

  static Ownership ownership(Map<String, AttributeValue> item) {
    List<DesiredRecord> records = new ArrayList<>();
    for (AttributeValue value : item.getOrDefault("Records", AttributeValue.fromL(List.of())).l()) {
      Map<String, AttributeValue> m = value.m();
      DnsName name = new DnsName(text(m, "Name"));
      RecordType type = RecordType.valueOf(text(m, "Type"));
      RecordKey key = new RecordKey(ZoneId.of(text(m, "ZoneId")), name, type);
      records.add(
          new DesiredRecord(
              key,
              new DnsName(text(m, "ZoneName")),
              new RecordSet(name, type, Long.parseLong(m.get("Ttl").n()), strings(m.get("Values"))),
              Sharing.ofLabel(text(m, "Sharing"))));
    }
    Map<String, String> facts = new LinkedHashMap<>();
    item.getOrDefault("Facts", AttributeValue.fromM(Map.of()))
        .m()
        .forEach((k, v) -> facts.put(k, v.s()));
    return new Ownership(
        InstanceId.of(text(item, KEY)),
        Long.parseLong(item.get("Version").n()),
        Instant.parse(text(item, "LaunchTime")),
        records,
        facts);
  }

  static Claim claim(Map<String, AttributeValue> item) {
    RecordKey key =
        new RecordKey(
            ZoneId.of(text(item, "ZoneId")),
            new DnsName(text(item, "Name")),
            RecordType.valueOf(text(item, "Type")));
    Map<InstanceId, Claimant> claimants = new HashMap<>();
    item.getOrDefault("Claimants", AttributeValue.fromM(Map.of()))
        .m()
        .forEach(
            (id, v) ->
                claimants.put(
                    InstanceId.of(id),
                    new Claimant(
                        InstanceId.of(id),
                        Instant.parse(text(v.m(), "LaunchTime")),
                        Long.parseLong(v.m().get("Ttl").n()),
                        strings(v.m().get("Values")),
                        Optional.ofNullable(v.m().get("Vpc")).map(AttributeValue::s))));
    return new Claim(
        key,
        new DnsName(text(item, "ZoneName")),
        Long.parseLong(item.get("Version").n()),
        claimants,
        Sharing.ofLabel(text(item, "Sharing")));
  }

  static Map<String, AttributeValue> key(String id) {
    return Map.of(KEY, string(id));
  }

  static List<String> strings(AttributeValue list) {
    return list.l().stream().map(AttributeValue::s).toList();
  }

  static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  static AttributeValue string(String s) {
    return AttributeValue.fromS(s);
  }

  static AttributeValue number(long n) {
    return AttributeValue.fromN(Long.toString(n));
  }

  /** A claimant in the claim item: launch time, TTL, values, and its VPC when known. */
  private static Map<String, AttributeValue> claimantItem(Claimant claimant) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("LaunchTime", string(claimant.launchTime().toString()));
    m.put("Ttl", number(claimant.ttl()));
    m.put(
        "Values",
        AttributeValue.fromL(claimant.values().stream().map(RegistryItems::string).toList()));
    claimant.vpc().ifPresent(v -> m.put("Vpc", string(v)));
    return m;
  }
}
