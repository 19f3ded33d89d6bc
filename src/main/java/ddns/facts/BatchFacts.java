package ddns.facts;

import ddns.dns.HostedZone;
import ddns.dns.ZoneCatalog;
import ddns.dns.ZoneId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one batch is planned from, read once: the instances as EC2 showed them (an id absent: EC2
 * does not know it), and, for the instances whose records are planned, the hosted zones of the
 * account, each VPC's settings and the zones it is associated with. A VPC whose facts could not be
 * read is {@link #unreadable}: its instances fail, to be tried again. Immutable; after zone actions
 * the pipeline plans from {@link #withZones}.
 *
 * @param asOf when the facts were read: the planner's "now" (a launch's grace runs from its event)
 * @param vpcs by VPC id ({@link #NONE} for instances without a VPC)
 * @param associations the ids of the private zones each VPC is associated with
 * @param unreadable why a VPC's facts (or the zone list, for every VPC) could not be read
 */
public record BatchFacts(
    Instant asOf,
    Map<InstanceId, InstanceFacts> instances,
    List<HostedZone> zones,
    Map<String, VpcFacts> vpcs,
    Map<String, Set<ZoneId>> associations,
    Map<String, String> unreadable) {

  /** The key of instances without a VPC: no DNS support, no associated zone. */
  public static final String NONE = "none";

  private static final VpcFacts NO_VPC = new VpcFacts(NONE, false, List.of());

  public BatchFacts {
    instances = Map.copyOf(instances);
    zones = List.copyOf(zones);
    vpcs = Map.copyOf(vpcs);
    Map<String, Set<ZoneId>> copied = new TreeMap<>();
    associations.forEach((vpc, ids) -> copied.put(vpc, Set.copyOf(ids)));
    associations = Map.copyOf(copied);
    unreadable = Map.copyOf(unreadable);
  }

  public static Builder builder(Instant asOf) {
    return new Builder(asOf);
  }

  /** What EC2 showed of the instance; empty when it does not know it. */
  public Optional<InstanceFacts> instance(InstanceId id) {
    return Optional.ofNullable(instances.get(id));
  }

  /**
   * Why the facts of the VPC could not be read, or that they were not read; empty when they were.
   */
  public Optional<String> unreadable(Optional<String> vpcId) {
    String key = vpcId.orElse(NONE);
    if (unreadable.containsKey(key)) {
      return Optional.of(unreadable.get(key));
    }
    return vpcs.containsKey(key)
        ? Optional.empty()
        : Optional.of("the facts of " + key + " were not read");
  }

  /** The VPC's settings; an instance without a VPC has no DNS support. */
  public VpcFacts vpc(Optional<String> vpcId) {
    return vpcs.getOrDefault(vpcId.orElse(NONE), NO_VPC);
  }

  /** Every zone, and the private zones associated with the VPC (none without a VPC). */
  public ZoneCatalog catalogFor(Optional<String> vpcId) {
    return new ZoneCatalog(zones, associations.getOrDefault(vpcId.orElse(NONE), Set.of()));
  }

  /**
   * The same facts after zone actions: the zones created (each associated with the VPC it was
   * created for) join the zone list, and each VPC sees the zones it was associated with. A dry run
   * hands in the zones it would create ({@link ZoneId#planned}), so its plan counts the records
   * they would receive, as the real run makes them.
   */
  public BatchFacts withZones(List<HostedZone> created, Map<String, Set<ZoneId>> associated) {
    List<HostedZone> allZones = new ArrayList<>(zones);
    Map<String, Set<ZoneId>> seen = new TreeMap<>();
    associations.forEach((vpc, ids) -> seen.put(vpc, new HashSet<>(ids)));
    for (HostedZone zone : created) {
      if (allZones.stream().noneMatch(z -> z.id().equals(zone.id()))) {
        allZones.add(zone);
      }
      zone.createdForVpc()
          .ifPresent(vpc -> seen.computeIfAbsent(vpc, v -> new HashSet<>()).add(zone.id()));
    }
    associated.forEach((vpc, ids) -> seen.computeIfAbsent(vpc, v -> new HashSet<>()).addAll(ids));
    return new BatchFacts(asOf, instances, allZones, vpcs, seen, unreadable);
  }

  /**
   * The same facts with the DNS support of some VPCs read, and the VPCs whose setting could not be
   * read marked unreadable.
   */
  public BatchFacts withDnsSupport(Map<String, Boolean> support, Map<String, String> failed) {
    Map<String, VpcFacts> read = new LinkedHashMap<>(vpcs);
    support.forEach((vpc, on) -> read.computeIfPresent(vpc, (k, v) -> v.withDnsSupport(on)));
    Map<String, String> unread = new LinkedHashMap<>(unreadable);
    unread.putAll(failed);
    return new BatchFacts(asOf, instances, zones, read, associations, unread);
  }

  /** Builds the facts of a batch as they are read. */
  public static final class Builder {
    private final Instant asOf;
    private final Map<InstanceId, InstanceFacts> instances = new LinkedHashMap<>();
    private List<HostedZone> zones = List.of();
    private final Map<String, VpcFacts> vpcs = new LinkedHashMap<>();
    private final Map<String, Set<ZoneId>> associations = new LinkedHashMap<>();
    private final Map<String, String> unreadable = new LinkedHashMap<>();

    private Builder(Instant asOf) {
      this.asOf = asOf;
    }

    public Builder instances(Collection<InstanceFacts> found) {
      found.forEach(f -> instances.put(f.instanceId(), f));
      return this;
    }

    public Builder zones(List<HostedZone> all) {
      this.zones = all;
      return this;
    }

    /** The VPC's settings and the private zones it is associated with. */
    public Builder vpc(VpcFacts vpc, Set<ZoneId> associated) {
      vpcs.put(vpc.vpcId(), vpc);
      associations.put(vpc.vpcId(), associated);
      return this;
    }

    /** Instances without a VPC are planned too: no DNS support, no associated zone. */
    public Builder noVpc() {
      return vpc(NO_VPC, Set.of());
    }

    /** The VPC's facts (or, with {@link #NONE}, the zone list) could not be read. */
    public Builder unreadable(String vpcId, String why) {
      unreadable.put(vpcId, why);
      return this;
    }

    public BatchFacts build() {
      return new BatchFacts(asOf, instances, zones, vpcs, associations, unreadable);
    }
  }
}
