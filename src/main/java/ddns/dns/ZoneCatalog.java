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

  /** This catalog and more zones, associated with the VPC it is seen from. */
  public ZoneCatalog withAssociated(List<HostedZone> more) {
    List<HostedZone> all = new java.util.ArrayList<>(zones);
    all.addAll(more);
    Set<ZoneId> associated = new java.util.HashSet<>(associatedZoneIds);
    more.forEach(z -> associated.add(z.id()));
    return new ZoneCatalog(all, associated);
  }

  public Optional<HostedZone> privateZoneNamed(DnsName name) {
    return named(name, true);
  }

  /**
   * The private reverse zone that takes the pointer {@code reverseName} for this VPC: the most
   * specific zone that covers it ({@code 10.in-addr.arpa.}, {@code 0.10.in-addr.arpa.}, a /24, an
   * {@code ip6.arpa} zone). A zone associated with the VPC comes first, as joining a narrower one
   * would hide the wider one's names inside the VPC; else one someone made and did not associate,
   * which the VPC may join. A reverse zone this tool created for another VPC is never shared: VPCs
   * often use the same address range (every default VPC is 172.31.0.0/16), and a shared zone would
   * let one VPC's pointers overwrite another's. Empty: no zone covers the name, and a /24 zone (a
   * /64 for IPv6) is to be created for {@code vpcId}.
   */
  public Optional<HostedZone> reverseZoneFor(DnsName reverseName, String vpcId) {
    return zones.stream()
        .filter(z -> z.privateZone() && reverseName.isStrictlyWithin(z.name()))
        .filter(z -> z.name().isReverse())
        .filter(
            z ->
                associatedZoneIds.contains(z.id())
                    || z.createdForVpc().map(vpcId::equals).orElse(true))
        .min(
            Comparator.comparing((HostedZone z) -> isAssociated(z) ? 0 : 1)
                .thenComparing(z -> -z.name().labels().size())
                .thenComparing(HostedZone::id));
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
