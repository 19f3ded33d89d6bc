package ddns.plan;

import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings that shape which records an instance gets, built by name with {@link #builder()}.
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

  /**
   * A builder holding the defaults: TTL 60, tags {@code ZONE}, {@code CNAME}, {@code HOSTNAME} and
   * {@code POOL}, every zone allowed, reverse zones created, the VPC associated, no zone listed to
   * join, no host-name pattern, the primary address only, both kinds of zone, every zone id.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these rules, to change some of them. */
  public Builder toBuilder() {
    return new Builder()
        .ttl(ttl)
        .zoneTagKey(zoneTagKey)
        .cnameTagKey(cnameTagKey)
        .allowedZones(allowedZones)
        .createReverseZones(createReverseZones)
        .associateVpc(associateVpc)
        .associateZones(associateZones)
        .hostnameTagKey(hostnameTagKey)
        .poolTagKey(poolTagKey)
        .hostnamePattern(hostnamePattern)
        .allAddresses(allAddresses)
        .zoneTypes(zoneTypes)
        .allowedZoneIds(allowedZoneIds);
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

  /** The rules of {@link #builder()}'s defaults. */
  public static PlanningRules defaults() {
    return builder().build();
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

  /** Builds {@link PlanningRules} by name; {@link #build} validates as the record does. */
  public static final class Builder {
    private long ttl = 60;
    private String zoneTagKey = "ZONE";
    private String cnameTagKey = "CNAME";
    private Set<DnsName> allowedZones = Set.of();
    private boolean createReverseZones = true;
    private boolean associateVpc = true;
    private Set<String> associateZones = Set.of();
    private String hostnameTagKey = "HOSTNAME";
    private String poolTagKey = "POOL";
    private Optional<HostnamePattern> hostnamePattern = Optional.empty();
    private boolean allAddresses;
    private ZoneTypes zoneTypes = ZoneTypes.BOTH;
    private Set<String> allowedZoneIds = Set.of();

    private Builder() {}

    public Builder ttl(long ttl) {
      this.ttl = ttl;
      return this;
    }

    public Builder zoneTagKey(String key) {
      this.zoneTagKey = key;
      return this;
    }

    public Builder cnameTagKey(String key) {
      this.cnameTagKey = key;
      return this;
    }

    public Builder allowedZones(Set<DnsName> zones) {
      this.allowedZones = zones;
      return this;
    }

    public Builder createReverseZones(boolean create) {
      this.createReverseZones = create;
      return this;
    }

    public Builder associateVpc(boolean associate) {
      this.associateVpc = associate;
      return this;
    }

    public Builder associateZones(Set<String> zones) {
      this.associateZones = zones;
      return this;
    }

    public Builder hostnameTagKey(String key) {
      this.hostnameTagKey = key;
      return this;
    }

    public Builder poolTagKey(String key) {
      this.poolTagKey = key;
      return this;
    }

    public Builder hostnamePattern(Optional<HostnamePattern> pattern) {
      this.hostnamePattern = pattern;
      return this;
    }

    public Builder allAddresses(boolean all) {
      this.allAddresses = all;
      return this;
    }

    public Builder zoneTypes(ZoneTypes types) {
      this.zoneTypes = types;
      return this;
    }

    public Builder allowedZoneIds(Set<String> ids) {
      this.allowedZoneIds = ids;
      return this;
    }

    /**
     * @throws IllegalArgumentException when the TTL is out of range
     * @throws NullPointerException naming a missing value
     */
    public PlanningRules build() {
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
          allowedZoneIds);
    }
  }
}
