package ddns.plan;

import ddns.alert.AlertKind;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.InvalidNameException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The zones an instance's host records go to (docs/behaviour.md, "Records"): the private zones of
 * its VPC's DHCP domains and of its zone tag, and the public zone its zone tag names, each kept
 * only where the {@link ZoneGate} lets records in. A single-label host name or pool goes to the
 * same zones.
 *
 * @param sources why each private zone was chosen ("DHCP domain corp.internal. of vpc-1"), for the
 *     reasons of its records
 */
record ZoneChoice(
    List<HostedZone> privateZones,
    Optional<HostedZone> publicZone,
    Map<HostedZone, String> sources) {

  ZoneChoice {
    privateZones = List.copyOf(privateZones);
    sources = Map.copyOf(sources);
  }

  /** Chooses the zones for an instance whose zone tag names {@code zoneTag}, if any. */
  static ZoneChoice of(Optional<DnsName> zoneTag, PlanInputs in, PlanDraft draft, ZoneGate gate) {
    Map<HostedZone, String> chosen = dhcpZones(in, draft);
    Optional<HostedZone> publicZone = Optional.empty();
    if (zoneTag.isPresent()) {
      Tagged tagged = tagged(zoneTag.get(), in, draft);
      tagged.privateZone().ifPresent(z -> chosen.putIfAbsent(z, tagged.source()));
      publicZone = tagged.publicZone();
    }
    List<HostedZone> privateZones = new ArrayList<>(chosen.keySet());
    if (!privateZones.isEmpty() && !gate.privateRecordsPossible()) {
      privateZones.clear();
    }
    privateZones.removeIf(z -> !gate.mayJoin(z) || !gate.usable(z));
    return new ZoneChoice(privateZones, publicZone.filter(gate::usable), chosen);
  }

  boolean isEmpty() {
    return privateZones.isEmpty() && publicZone.isEmpty();
  }

  /**
   * The private zones named like the VPC's DHCP domains, in the order of the domains, each with its
   * source.
   */
  private static Map<HostedZone, String> dhcpZones(PlanInputs in, PlanDraft draft) {
    Map<HostedZone, String> found = new LinkedHashMap<>();
    for (String domain : in.vpc().dhcpDomainNames()) {
      DnsName name;
      try {
        name = DnsName.parse(domain);
      } catch (InvalidNameException e) {
        draft.note("DHCP domain-name ignored: " + e.getMessage());
        continue;
      }
      Optional<HostedZone> zone = in.zones().privateZoneNamed(name);
      if (zone.isEmpty()) {
        draft.note("no private hosted zone for DHCP domain " + name);
      } else if (!in.rules().allows(name)) {
        draft.note("DHCP domain " + name + " is not an allowed zone");
      } else {
        found.putIfAbsent(zone.get(), "DHCP domain " + name + " of " + in.vpc().vpcId());
      }
    }
    return found;
  }

  /** The zones a zone tag names, and the tag as their source. */
  private record Tagged(
      Optional<HostedZone> privateZone, Optional<HostedZone> publicZone, String source) {}

  /** The zones the zone tag names; none, alerted, when it names no zone or no allowed one. */
  private static Tagged tagged(DnsName name, PlanInputs in, PlanDraft draft) {
    String key = in.rules().zoneTagKey();
    Optional<HostedZone> privateZone = in.zones().privateZoneNamed(name);
    Optional<HostedZone> publicZone = in.zones().publicZoneNamed(name);
    Tagged none = new Tagged(Optional.empty(), Optional.empty(), "");
    if (privateZone.isEmpty() && publicZone.isEmpty()) {
      draft.alert(AlertKind.NO_SUCH_ZONE, key + " tag names " + name + ", which is no hosted zone");
      return none;
    }
    if (!in.rules().allows(name)) {
      draft.alert(
          AlertKind.ZONE_NOT_ALLOWED,
          key + " tag names " + name + ", which is not an allowed zone");
      return none;
    }
    return new Tagged(privateZone, publicZone, key + " tag " + name);
  }
}
