package ddns.facts;

import ddns.dns.HostedZone;
import ddns.dns.ZoneCatalog;
import ddns.dns.ZoneId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Zone lists and VPC settings, kept for a short time between invocations of a warm function. They
 * change rarely, and listing them per event was most of the sample's API traffic. A zone this tool
 * creates or associates is added to what is kept, so the zones are not listed again for it. Safe to
 * share between threads.
 */
public final class CachedLookups {
  private final ZoneDirectory zones;
  private final InstanceSource ec2;
  private final Clock clock;
  private final Duration ttl;
  private Entry<List<HostedZone>> zoneList;
  private final Map<String, Entry<Set<ZoneId>>> associations = new HashMap<>();
  private final Map<String, Entry<VpcFacts>> vpcs = new HashMap<>();

  public CachedLookups(ZoneDirectory zones, InstanceSource ec2, Clock clock, Duration ttl) {
    this.zones = zones;
    this.ec2 = ec2;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Every zone, and the private zones associated with the VPC (none when there is no VPC). */
  public synchronized ZoneCatalog catalogFor(java.util.Optional<String> vpcId) {
    if (zoneList == null || zoneList.expired()) {
      zoneList = fresh(zones::zones);
    }
    if (vpcId.isEmpty()) {
      return new ZoneCatalog(zoneList.value, Set.of());
    }
    Entry<Set<ZoneId>> associated = associations.get(vpcId.get());
    if (associated == null || associated.expired()) {
      associated = fresh(() -> zones.zonesAssociatedWith(vpcId.get()));
      associations.put(vpcId.get(), associated);
    }
    return new ZoneCatalog(zoneList.value, associated.value);
  }

  public synchronized VpcFacts vpc(String vpcId) {
    Entry<VpcFacts> entry = vpcs.get(vpcId);
    if (entry == null || entry.expired()) {
      entry = fresh(() -> ec2.vpc(vpcId).withDnsSupport(ec2.dnsSupport(vpcId)));
      vpcs.put(vpcId, entry);
    }
    return entry.value;
  }

  /** The zone's record-set count as last listed; 0 when the zone is not in the cached list. */
  public synchronized long recordSetCount(ZoneId zoneId) {
    if (zoneList == null) {
      return 0;
    }
    return zoneList.value.stream()
        .filter(z -> z.id().equals(zoneId))
        .mapToLong(HostedZone::recordSetCount)
        .findFirst()
        .orElse(0);
  }

  /**
   * Adds what this tool just did to what is kept: zones it created (associated with the VPC they
   * were created for) and associations it made. Lists not kept yet are read whole when needed.
   */
  public synchronized void learn(List<HostedZone> created, Map<String, Set<ZoneId>> associated) {
    if (zoneList != null) {
      List<HostedZone> all = new java.util.ArrayList<>(zoneList.value);
      created.stream()
          .filter(z -> all.stream().noneMatch(known -> known.id().equals(z.id())))
          .forEach(all::add);
      zoneList = new Entry<>(List.copyOf(all), zoneList.until);
    }
    Map<String, Set<ZoneId>> joined = new HashMap<>();
    created.forEach(
        z ->
            z.createdForVpc()
                .ifPresent(
                    v -> joined.computeIfAbsent(v, k -> new java.util.HashSet<>()).add(z.id())));
    associated.forEach(
        (v, ids) -> joined.computeIfAbsent(v, k -> new java.util.HashSet<>()).addAll(ids));
    joined.forEach(
        (vpcId, ids) -> {
          Entry<Set<ZoneId>> known = associations.get(vpcId);
          if (known != null) {
            Set<ZoneId> all = new java.util.HashSet<>(known.value);
            all.addAll(ids);
            associations.put(vpcId, new Entry<>(Set.copyOf(all), known.until));
          }
        });
  }

  /** Drops zones this tool deleted from what is kept. */
  public synchronized void forget(java.util.Collection<ZoneId> deleted) {
    if (deleted.isEmpty()) {
      return;
    }
    if (zoneList != null) {
      zoneList =
          new Entry<>(
              zoneList.value.stream().filter(z -> !deleted.contains(z.id())).toList(),
              zoneList.until);
    }
    associations.replaceAll(
        (vpc, known) -> {
          Set<ZoneId> left = new java.util.HashSet<>(known.value);
          left.removeAll(deleted);
          return new Entry<>(Set.copyOf(left), known.until);
        });
  }

  private <T> Entry<T> fresh(Supplier<T> load) {
    return new Entry<>(load.get(), clock.instant().plus(ttl));
  }

  private final class Entry<T> {
    final T value;
    final Instant until;

    Entry(T value, Instant until) {
      this.value = value;
      this.until = until;
    }

    boolean expired() {
      return !clock.instant().isBefore(until);
    }
  }
}
