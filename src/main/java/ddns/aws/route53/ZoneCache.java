package ddns.aws.route53;

import ddns.dns.HostedZone;
import ddns.dns.ZoneId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The account's zone list and each VPC's associations, kept for {@code DDNS_CACHE_TTL} between the
 * invocations of a warm container: they change rarely, and listing them per event was most of the
 * tool's Route 53 traffic. Shared by {@link Route53ZoneDirectory}, which reads through it, and
 * {@link Route53DnsZones}, which tells it what the tool itself changed (a zone created or deleted,
 * a VPC associated), so those changes never cost a listing and never go unseen. A change made by
 * someone else shows once the entry expires. Safe to share between threads.
 */
public final class ZoneCache {
  private final Clock clock;
  private final Duration ttl;
  private Entry<List<HostedZone>> zones;
  private final Map<String, Entry<Set<ZoneId>>> associations = new HashMap<>();

  /**
   * @param ttl how long a listing is used; zero: every read goes to Route 53
   */
  public ZoneCache(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Keeps nothing: every read goes to Route 53. */
  public static ZoneCache none() {
    return new ZoneCache(Clock.systemUTC(), Duration.ZERO);
  }

  /** The zone list as kept, or listed now by {@code list} when it is not kept (any more). */
  synchronized List<HostedZone> zones(Supplier<List<HostedZone>> list) {
    if (zones == null || zones.expired()) {
      zones = fresh(List.copyOf(list.get()));
    }
    return zones.value;
  }

  /** The VPC's associated zones as kept, or listed now by {@code list}. */
  synchronized Set<ZoneId> associatedWith(String vpcId, Supplier<Set<ZoneId>> list) {
    Entry<Set<ZoneId>> entry = associations.get(vpcId);
    if (entry == null || entry.expired()) {
      entry = fresh(Set.copyOf(list.get()));
      associations.put(vpcId, entry);
    }
    return entry.value;
  }

  /** The zone's record-set count as last listed (expired or not); 0 when it was never listed. */
  synchronized long recordSetCount(ZoneId zoneId) {
    if (zones == null) {
      return 0;
    }
    return zones.value.stream()
        .filter(z -> z.id().equals(zoneId))
        .mapToLong(HostedZone::recordSetCount)
        .findFirst()
        .orElse(0);
  }

  /**
   * A zone the VPC sees now (the tool created it for the VPC, or found the one another invocation
   * created): added to the list and to the VPC's associations where those are kept. What is not
   * kept is listed whole when next read.
   */
  synchronized void zoneSeenBy(HostedZone zone, String vpcId) {
    if (zones != null && zones.value.stream().noneMatch(z -> z.id().equals(zone.id()))) {
      List<HostedZone> more = new ArrayList<>(zones.value);
      more.add(zone);
      zones = new Entry<>(List.copyOf(more), zones.until);
    }
    associated(zone.id(), vpcId);
  }

  /** The tool associated the VPC with the zone. */
  synchronized void associated(ZoneId zoneId, String vpcId) {
    Entry<Set<ZoneId>> known = associations.get(vpcId);
    if (known != null && !known.value.contains(zoneId)) {
      Set<ZoneId> more = new HashSet<>(known.value);
      more.add(zoneId);
      associations.put(vpcId, new Entry<>(Set.copyOf(more), known.until));
    }
  }

  /** The tool deleted the zone: gone from the list and from every VPC's associations. */
  synchronized void deleted(ZoneId zoneId) {
    if (zones != null) {
      zones =
          new Entry<>(
              zones.value.stream().filter(z -> !z.id().equals(zoneId)).toList(), zones.until);
    }
    associations.replaceAll(
        (vpc, known) -> {
          Set<ZoneId> left = new HashSet<>(known.value);
          left.remove(zoneId);
          return new Entry<>(Set.copyOf(left), known.until);
        });
  }

  private <T> Entry<T> fresh(T value) {
    return new Entry<>(value, clock.instant().plus(ttl));
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
