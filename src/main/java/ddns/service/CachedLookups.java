package ddns.service;

import ddns.model.HostedZone;
import ddns.model.VpcFacts;
import ddns.model.ZoneCatalog;
import ddns.port.DnsZones;
import ddns.port.InstanceSource;
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
 * creates or associates invalidates the cache at once.
 */
final class CachedLookups {
  private final DnsZones dns;
  private final InstanceSource ec2;
  private final Clock clock;
  private final Duration ttl;
  private Entry<List<HostedZone>> zones;
  private final Map<String, Entry<Set<String>>> associations = new HashMap<>();
  private final Map<String, Entry<VpcFacts>> vpcs = new HashMap<>();

  CachedLookups(DnsZones dns, InstanceSource ec2, Clock clock, Duration ttl) {
    this.dns = dns;
    this.ec2 = ec2;
    this.clock = clock;
    this.ttl = ttl;
  }

  synchronized ZoneCatalog catalogFor(String vpcId) {
    if (zones == null || zones.expired()) {
      zones = fresh(dns::zones);
    }
    if (vpcId == null) {
      return new ZoneCatalog(zones.value, Set.of());
    }
    Entry<Set<String>> associated = associations.get(vpcId);
    if (associated == null || associated.expired()) {
      associated = fresh(() -> dns.zonesAssociatedWith(vpcId));
      associations.put(vpcId, associated);
    }
    return new ZoneCatalog(zones.value, associated.value);
  }

  synchronized VpcFacts vpc(String vpcId) {
    Entry<VpcFacts> entry = vpcs.get(vpcId);
    if (entry == null || entry.expired()) {
      entry = fresh(() -> ec2.vpc(vpcId));
      vpcs.put(vpcId, entry);
    }
    return entry.value;
  }

  /** The zone's record-set count as last listed; 0 when the zone is not in the cached list. */
  synchronized long recordSetCount(String zoneId) {
    if (zones == null) {
      return 0;
    }
    return zones.value.stream()
        .filter(z -> z.id().equals(zoneId))
        .mapToLong(HostedZone::recordSetCount)
        .findFirst()
        .orElse(0);
  }

  synchronized void invalidateZones() {
    zones = null;
    associations.clear();
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
