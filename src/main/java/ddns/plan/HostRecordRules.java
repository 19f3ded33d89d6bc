package ddns.plan;

import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordType;
import ddns.facts.InstanceFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An instance's host records (docs/behaviour.md, "Records"): its EC2 host label ({@code
 * ip-10-0-1-23}) in each chosen zone, with the private addresses in private zones and the public
 * one in the public zone; with {@code DDNS_ALL_ADDRESSES}, an {@code ip-…} record and a pointer for
 * each further private IPv4 address.
 */
final class HostRecordRules {
  private final PlanInputs in;
  private final PlanDraft draft;
  private final ZoneGate gate;

  HostRecordRules(PlanInputs in, PlanDraft draft, ZoneGate gate) {
    this.in = in;
    this.draft = draft;
    this.gate = gate;
  }

  /** The host name's A (and AAAA) records per zone; returns the names made in private zones. */
  List<DnsName> records(Optional<String> host, ZoneChoice zones) {
    List<DnsName> aNames = new ArrayList<>();
    if (host.isEmpty()) {
      if (!zones.isEmpty()) {
        draft.note("no private DNS name, so no host name: no A records");
      }
      return aNames;
    }
    InstanceFacts facts = in.facts();
    for (HostedZone zone : zones.privateZones()) {
      Optional<DnsName> placed = gate.below(zone, host.get(), "the instance's host name");
      if (placed.isEmpty()) {
        continue;
      }
      DnsName name = placed.get();
      String why = zones.sources().get(zone) + " names private zone " + zone.name();
      facts.privateIpv4().ifPresent(ip -> draft.record(zone, name, RecordType.A, List.of(ip), why));
      if (!facts.ipv6Addresses().isEmpty()) {
        draft.record(zone, name, RecordType.AAAA, facts.ipv6Addresses(), why);
      }
      if (facts.privateIpv4().isEmpty() && facts.ipv6Addresses().isEmpty()) {
        draft.note("no private IPv4 address: no A record in zone " + zone.name());
        continue;
      }
      aNames.add(name);
      gate.associateIfNeeded(zone);
    }
    zones
        .publicZone()
        .ifPresent(
            zone ->
                gate.below(zone, host.get(), "the instance's host name")
                    .ifPresent(n -> publicA(zone, n)));
    return aNames;
  }

  private void publicA(HostedZone zone, DnsName name) {
    in.facts()
        .publicIpv4()
        .ifPresentOrElse(
            ip ->
                draft.record(
                    zone,
                    name,
                    RecordType.A,
                    List.of(ip),
                    in.rules().zoneTagKey() + " tag names public zone " + zone.name()),
            () -> draft.note("no public IPv4 address: no A record in public zone " + zone.name()));
  }

  /**
   * With {@code DDNS_ALL_ADDRESSES}, each further private IPv4 address gets an {@code ip-…} A
   * record of its own in the instance's private zones, and a pointer to it.
   */
  void secondaryAddresses(List<HostedZone> privateZones, PointerRules pointers) {
    if (!in.rules().allAddresses() || privateZones.isEmpty()) {
      return;
    }
    for (String ip : in.facts().secondaryIpv4Addresses()) {
      if (ReverseNames.of(ip).isEmpty() || !ip.contains(".")) {
        draft.note("not an IPv4 address: " + ip);
        continue;
      }
      String label = "ip-" + ip.replace('.', '-');
      DnsName first = null;
      for (HostedZone zone : privateZones) {
        Optional<DnsName> placed = gate.below(zone, label, "further private address " + ip);
        if (placed.isEmpty()) {
          continue;
        }
        DnsName name = placed.get();
        draft.record(
            zone,
            name,
            RecordType.A,
            List.of(ip),
            "DDNS_ALL_ADDRESSES: further private address "
                + ip
                + " in private zone "
                + zone.name());
        gate.associateIfNeeded(zone);
        first = first == null ? name : first;
      }
      pointers.ipv4Pointer(ip, first);
    }
  }
}
