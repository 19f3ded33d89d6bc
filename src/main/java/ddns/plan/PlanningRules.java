package ddns.plan;

import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings that shape which records an instance gets.
 *
 * @param ttl TTL of every record written, in seconds
 * @param zoneTagKey tag key naming a zone ({@code ZONE}); matched case-insensitively
 * @param cnameTagKey tag key naming an alias ({@code CNAME}); matched case-insensitively
 * @param allowedZones forward zones records may go into (a zone is allowed when its name is an
 *     entry or lies below one); empty allows every zone
 * @param createReverseZones create a missing reverse zone ({@code in-addr.arpa} /24, {@code
 *     ip6.arpa} /64) when a PTR needs it
 * @param associateVpc associate the instance's VPC with a private zone that receives its records
 * @param associateZones private zones (normalised names, or ids) the VPC may join even where that
 *     hides names: a public zone of the same name exists, or the name is one of AWS's own
 * @param hostnameTagKey tag key naming the instance's own host name ({@code HOSTNAME})
 * @param poolTagKey tag key naming a pool the instance is a member of ({@code POOL})
 * @param hostnamePattern the host name of an instance without a host-name tag, when set
 * @param allAddresses every private IPv4 address of every network interface gets its host record
 *     and pointer, not only the primary one; every IPv6 address gets its reverse zone created, not
 *     only the first
 * @param zoneTypes the kinds of zone written to ({@code DDNS_ZONE_TYPES})
 * @param allowedZoneIds the hosted zones (ids) the tool may change, as its role allows; empty: all
 */
public record PlanningRules(
    long ttl,
    String zoneTagKey,
    String cnameTagKey,
    Set<DnsName> allowedZones,
    boolean createReverseZones,
    boolean associateVpc,
    Set<String> associateZones,
    String hostnameTagKey,
    String poolTagKey,
    Optional<HostnamePattern> hostnamePattern,
    boolean allAddresses,
    ZoneTypes zoneTypes,
    Set<String> allowedZoneIds) {

  public PlanningRules {
    if (ttl < 0 || ttl > 2_147_483_647L) {
      throw new IllegalArgumentException("ttl must be between 0 and 2147483647, was " + ttl);
    }
    Objects.requireNonNull(zoneTagKey, "zoneTagKey == null");
    Objects.requireNonNull(cnameTagKey, "cnameTagKey == null");
    Objects.requireNonNull(hostnameTagKey, "hostnameTagKey == null");
    Objects.requireNonNull(poolTagKey, "poolTagKey == null");
    Objects.requireNonNull(hostnamePattern, "hostnamePattern == null");
    Objects.requireNonNull(zoneTypes, "zoneTypes == null");
    allowedZones = Set.copyOf(allowedZones);
    associateZones = Set.copyOf(associateZones);
    allowedZoneIds = Set.copyOf(allowedZoneIds);
  }

  public PlanningRules(
      long ttl,
      String zoneTagKey,
      String cnameTagKey,
      Set<DnsName> allowedZones,
      boolean createReverseZones,
      boolean associateVpc,
      Set<String> associateZones) {
    this(
        ttl,
        zoneTagKey,
        cnameTagKey,
        allowedZones,
        createReverseZones,
        associateVpc,
        associateZones,
        "HOSTNAME",
        "POOL",
        Optional.empty(),
        false,
        ZoneTypes.BOTH,
        Set.of());
  }

  public PlanningRules(
      long ttl,
      String zoneTagKey,
      String cnameTagKey,
      Set<DnsName> allowedZones,
      boolean createReverseZones,
      boolean associateVpc) {
    this(ttl, zoneTagKey, cnameTagKey, allowedZones, createReverseZones, associateVpc, Set.of());
  }

  /** These rules with a host-name pattern for instances without a host-name tag. */
  public PlanningRules withHostnamePattern(HostnamePattern pattern) {
    return new PlanningRules(
        ttl,
        zoneTagKey,
        cnameTagKey,
        allowedZones,
        createReverseZones,
        associateVpc,
        associateZones,
        hostnameTagKey,
        poolTagKey,
        Optional.of(pattern),
        allAddresses,
        zoneTypes,
        allowedZoneIds);
  }

  /** These rules, giving every private address its records, or only the primary one. */
  public PlanningRules withAllAddresses(boolean all) {
    return new PlanningRules(
        ttl,
        zoneTagKey,
        cnameTagKey,
        allowedZones,
        createReverseZones,
        associateVpc,
        associateZones,
        hostnameTagKey,
        poolTagKey,
        hostnamePattern,
        all,
        zoneTypes,
        allowedZoneIds);
  }

  /** These rules, writing to these kinds of zone only. */
  public PlanningRules withZoneTypes(ZoneTypes types) {
    return new PlanningRules(
        ttl,
        zoneTagKey,
        cnameTagKey,
        allowedZones,
        createReverseZones,
        associateVpc,
        associateZones,
        hostnameTagKey,
        poolTagKey,
        hostnamePattern,
        allAddresses,
        types,
        allowedZoneIds);
  }

  /** These rules, changing only the zones of these ids. */
  public PlanningRules withAllowedZoneIds(Set<String> ids) {
    return new PlanningRules(
        ttl,
        zoneTagKey,
        cnameTagKey,
        allowedZones,
        createReverseZones,
        associateVpc,
        associateZones,
        hostnameTagKey,
        poolTagKey,
        hostnamePattern,
        allAddresses,
        zoneTypes,
        ids);
  }

  /** The tool may change this zone: it is in {@code allowedZoneIds}, or that list is empty. */
  public boolean allowsId(HostedZone zone) {
    return allowedZoneIds.isEmpty() || allowedZoneIds.contains(zone.id().value());
  }

  /** The operator listed this zone, by name or id, as one the VPC may join. */
  public boolean mayAssociate(HostedZone zone) {
    return associateZones.contains(zone.name().value())
        || associateZones.contains(zone.id().value());
  }

  public static PlanningRules defaults() {
    return new PlanningRules(60, "ZONE", "CNAME", Set.of(), true, true);
  }

  /**
   * The tool reads this tag key (case-insensitively): a change of it can change the records. The
   * zone, alias, host-name and pool tags, and the tags the host-name pattern names.
   */
  public boolean readsTag(String key) {
    String k = key.strip();
    return k.equalsIgnoreCase(zoneTagKey)
        || k.equalsIgnoreCase(cnameTagKey)
        || k.equalsIgnoreCase(hostnameTagKey)
        || k.equalsIgnoreCase(poolTagKey)
        || hostnamePattern.stream()
            .flatMap(p -> p.tagKeys().stream())
            .anyMatch(k::equalsIgnoreCase);
  }

  public boolean allows(DnsName zone) {
    return allowedZones.isEmpty() || allowedZones.stream().anyMatch(zone::isWithin);
  }

  /** The instance's tags whose key is {@code key}, matched case-insensitively, by their keys. */
  static Map<String, String> tags(Map<String, String> tags, String key) {
    String wanted = key.toLowerCase(Locale.ROOT);
    Map<String, String> found = new java.util.TreeMap<>();
    tags.forEach(
        (k, v) -> {
          if (k.strip().toLowerCase(Locale.ROOT).equals(wanted)) {
            found.put(k, v);
          }
        });
    return found;
  }
}
