package ddns.plan;

import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordType;
import ddns.facts.Workplace;
import ddns.plan.ZoneAction.CreateReverseZone;
import java.util.List;
import java.util.Optional;

/**
 * An instance's pointers (PTR records) and the reverse zones they need (docs/behaviour.md,
 * "Records"): the pointer of an address goes in the most specific reverse zone that covers it;
 * where none does, the address's {@code in-addr.arpa} /24 or {@code ip6.arpa} /64 zone is created
 * for it, as the settings allow, or a note says why not.
 */
final class PointerRules {
  private final PlanInputs in;
  private final PlanDraft draft;
  private final ZoneGate gate;

  PointerRules(PlanInputs in, PlanDraft draft, ZoneGate gate) {
    this.in = in;
    this.draft = draft;
    this.gate = gate;
  }

  /**
   * Pointers for the primary private IPv4 address and every IPv6 address. The first IPv6 address is
   * the instance's own, as the primary IPv4 one is: its reverse zone is created when none covers
   * it. A further IPv6 address gets its pointer where a zone covers it, and a zone created for it
   * only with {@code DDNS_ALL_ADDRESSES}.
   */
  void records(DnsName target) {
    in.facts().privateIpv4().ifPresent(ip -> ipv4Pointer(ip, target));
    List<String> ipv6 = in.facts().ipv6Addresses();
    for (int i = 0; i < ipv6.size(); i++) {
      if (!ReverseNames.isIpv6(ipv6.get(i))) {
        draft.note("not an IPv6 address: " + ipv6.get(i));
      } else {
        addressPointer(ipv6.get(i), target, i == 0 || in.rules().allAddresses());
      }
    }
  }

  /** The pointer of an IPv4 address, its /24 zone created when none covers it. */
  void ipv4Pointer(String ip, DnsName target) {
    if (!ReverseNames.isIpv4(ip)) {
      draft.note("not an IPv4 address: " + ip + ": no PTR");
      return;
    }
    addressPointer(ip, target, true);
  }

  /** The reverse zone that takes a pointer: the most specific one the VPC sees or may join. */
  private Optional<HostedZone> reverseZone(DnsName reverse) {
    return in.facts().vpc().isPresent()
        ? in.zones().reverseZoneFor(reverse, in.facts().vpc().get())
        : in.zones().longestSuffixZone(reverse, true);
  }

  /**
   * The address's pointer in the reverse zone that covers it; else, when {@code create}, the
   * address's /24 (IPv4) or /64 (IPv6) zone is created, as the rules allow.
   */
  private void addressPointer(String ip, DnsName target, boolean create) {
    Optional<DnsName> reverse = ReverseNames.of(ip);
    Optional<DnsName> zoneName = ReverseNames.zoneOf(ip);
    if (reverse.isEmpty() || zoneName.isEmpty()) {
      draft.note("not an IP address: " + ip + ": no PTR");
      return;
    }
    Optional<HostedZone> zone = reverseZone(reverse.get());
    if (zone.isPresent()) {
      if (gate.usable(zone.get())) {
        pointer(zone.get(), reverse.get(), target, ip);
      }
    } else {
      missingZone(ip, zoneName.get(), create);
    }
  }

  /** No reverse zone covers the address: it is created for the pointer, or a note says why not. */
  private void missingZone(String ip, DnsName zoneName, boolean create) {
    PlanningRules rules = in.rules();
    if (rules.zoneTypes() == ZoneTypes.PUBLIC) {
      draft.note("no reverse zone for " + ip + " and DDNS_ZONE_TYPES is public: no PTR");
    } else if (!create) {
      draft.note(
          "no reverse zone covers further address "
              + ip
              + "; with DDNS_ALL_ADDRESSES, "
              + zoneName
              + " would be created: no PTR");
    } else if (!rules.allowedZoneIds().isEmpty()) {
      draft.note(
          "reverse zone "
              + zoneName
              + " is missing; it is not created while DDNS_ALLOWED_ZONE_IDS lists the zones"
              + " route53-ddns may change: no PTR");
    } else if (in.facts().vpc().flatMap(v -> Workplace.split(v).workplace()).isPresent()) {
      draft.note(
          "reverse zone "
              + zoneName
              + " is missing; one for a VPC of another account or region is not created (Route"
              + " 53 creates a private zone with a VPC of the caller's own): create it in this"
              + " tool's account and it is associated with the VPC: no PTR until then");
    } else if (rules.createReverseZones() && in.facts().vpc().isPresent()) {
      // two addresses of one subnet need it once
      if (draft.zoneAction(new CreateReverseZone(zoneName, in.facts().vpc().get()))) {
        draft.note("reverse zone " + zoneName + " is missing; it is created for the PTR");
      }
    } else {
      draft.note(
          "reverse zone " + zoneName + " is missing and reverse-zone creation is off: no PTR");
    }
  }

  private void pointer(HostedZone zone, DnsName reverse, DnsName target, String ip) {
    draft.record(
        zone,
        reverse,
        RecordType.PTR,
        List.of(target.value()),
        "reverse name of " + ip + " in " + zone.name());
    gate.associateIfNeeded(zone);
  }
}
