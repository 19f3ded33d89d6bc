package ddns.dns;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hosted zones of the account as seen from one VPC: every zone, and which private zones are
 * associated with that VPC. Lookups prefer an associated zone when several private zones share a
 * name, and otherwise the lowest id, so that the answer never depends on listing order.
 */
public record ZoneCatalog(List<HostedZone> zones, Set<ZoneId> associatedZoneIds) {

  public ZoneCatalog {
    zones = zones.stream().sorted(Comparator.comparing(HostedZone::id)).toList();
    associatedZoneIds = Set.copyOf(associatedZoneIds);
  }

  public Optional<HostedZone> privateZoneNamed(DnsName name) {
    return named(name, true);
  }

  public Optional<HostedZone> publicZoneNamed(DnsName name) {
    return named(name, false);
  }

  /** A zone whose name is exactly {@code name}, of either kind. */
  public boolean isApex(DnsName name) {
    return zones.stream().anyMatch(z -> z.name().equals(name));
  }

  /** The zone of the given kind whose name is the longest proper suffix of {@code name}. */
  public Optional<HostedZone> longestSuffixZone(DnsName name, boolean privateZone) {
    return zones.stream()
        .filter(z -> z.privateZone() == privateZone && name.isStrictlyWithin(z.name()))
        .max(
            Comparator.comparingInt((HostedZone z) -> z.name().value().length())
                .thenComparing(z -> isAssociated(z) ? 1 : 0)
                .thenComparing(HostedZone::id, Comparator.reverseOrder()));
  }

  public boolean isAssociated(HostedZone zone) {
    return !zone.privateZone() || associatedZoneIds.contains(zone.id());
  }

  private Optional<HostedZone> named(DnsName name, boolean privateZone) {
    return zones.stream()
        .filter(z -> z.privateZone() == privateZone && z.name().equals(name))
        .min(
            Comparator.comparing((HostedZone z) -> isAssociated(z) ? 0 : 1)
                .thenComparing(HostedZone::id));
  }
}
