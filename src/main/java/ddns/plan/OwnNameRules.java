package ddns.plan;

import ddns.alert.AlertKind;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordType;
import ddns.dns.Sharing;
import ddns.facts.InstanceFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Names of the instance's choosing (docs/behaviour.md, "Names"): its own host name, from its
 * host-name tag or the fleet's pattern, which one instance holds; and the pool it is a member of,
 * whose record set holds every member's address. A single label goes in the zones the host records
 * go to, a full name in the longest zone of each kind it lies in.
 */
final class OwnNameRules {
  private final PlanInputs in;
  private final PlanDraft draft;
  private final ZoneGate gate;

  OwnNameRules(PlanInputs in, PlanDraft draft, ZoneGate gate) {
    this.in = in;
    this.draft = draft;
    this.gate = gate;
  }

  /** The instance's own host name's records; returns the name made in a private zone. */
  Optional<DnsName> hostName(ZoneChoice zones) {
    return ownName().flatMap(n -> named(n.name(), n.source(), Sharing.FIRST, zones));
  }

  /** The pool the instance is a member of: its address joins the pool name's record set. */
  void pool(ZoneChoice zones) {
    String key = in.rules().poolTagKey();
    Optional<DnsName> pool = TagNames.read(in.facts().tags(), key, true, in.self(), this::invalid);
    if (pool.isEmpty()) {
      return;
    }
    named(pool.get(), key + " tag " + shown(pool.get()), Sharing.POOL, zones);
  }

  /** A name from a tag or the pattern, and where it came from, for messages. */
  private record Named(DnsName name, String source) {}

  /**
   * The instance's own host name: its host-name tag, else the fleet's pattern. A tag that cannot be
   * used is alerted, and the pattern does not stand in for it.
   */
  private Optional<Named> ownName() {
    InstanceFacts facts = in.facts();
    String key = in.rules().hostnameTagKey();
    if (!PlanningRules.tags(facts.tags(), key).isEmpty()) {
      return TagNames.read(facts.tags(), key, true, in.self(), this::invalid)
          .map(n -> new Named(n, key + " tag " + shown(n)));
    }
    if (in.rules().hostnamePattern().isEmpty()) {
      return Optional.empty();
    }
    HostnamePattern pattern = in.rules().hostnamePattern().get();
    String source = "DDNS_HOSTNAME_PATTERN " + pattern;
    HostnamePattern.Result result = pattern.render(facts);
    if (result.name().isEmpty()) {
      draft.alert(AlertKind.NAME_UNUSABLE, source + " " + result.problem() + ": no host name");
      return Optional.empty();
    }
    DnsName name = result.name().get();
    Optional<String> own = TagNames.ownName(name, true, in.self());
    if (own.isPresent()) {
      draft.alert(AlertKind.NAME_UNUSABLE, source + " gives " + name + ", which " + own.get());
      return Optional.empty();
    }
    return Optional.of(new Named(name, source + " gives " + shown(name)));
  }

  /** The zones a chosen name goes to: its private zones (possibly none) and its public zone. */
  private record Targets(List<HostedZone> privateZones, Optional<HostedZone> publicZone) {}

  /**
   * Records at a name of the instance's choosing (host name or pool). Private zones get the private
   * address, public ones the public address (split horizon); both get the IPv6 addresses. Returns
   * the name made in a private zone, for the pointers.
   */
  private Optional<DnsName> named(DnsName name, String source, Sharing sharing, ZoneChoice zones) {
    boolean single = name.labels().size() == 1;
    Optional<Targets> targets =
        single ? singleLabelTargets(source, zones) : fullNameTargets(name, source);
    if (targets.isEmpty()) {
      return Optional.empty();
    }
    Optional<DnsName> made = Optional.empty();
    for (HostedZone zone : targets.get().privateZones()) {
      Optional<DnsName> placed =
          single ? gate.below(zone, name.firstLabel(), source) : Optional.of(name);
      if (placed.isPresent()
          && placePrivate(zone, placed.get(), why(source, single, zone), sharing)) {
        made = made.or(() -> placed);
      }
    }
    targets
        .get()
        .publicZone()
        .ifPresent(
            zone ->
                (single ? gate.below(zone, name.firstLabel(), source) : Optional.of(name))
                    .ifPresent(at -> placePublic(zone, at, why(source, single, zone), sharing)));
    return made;
  }

  /** A single label goes in the zones of the host records; alerted when there are none. */
  private Optional<Targets> singleLabelTargets(String source, ZoneChoice zones) {
    if (zones.isEmpty()) {
      draft.alert(
          AlertKind.NO_SUCH_ZONE,
          source
              + " is a single label, and the instance has no zone to put it in (no hosted zone"
              + " for its VPC's DHCP domain, no "
              + in.rules().zoneTagKey()
              + " tag)");
      return Optional.empty();
    }
    return Optional.of(new Targets(zones.privateZones(), zones.publicZone()));
  }

  /**
   * A full name goes in the longest zone of each kind it lies in, where the gate lets it in; never
   * at an apex, and alerted when it lies in no zone.
   */
  private Optional<Targets> fullNameTargets(DnsName name, String source) {
    if (in.zones().isApex(name)) {
      draft.alert(
          AlertKind.NAME_CONFLICT,
          source + " names a zone apex; route53-ddns writes names below a zone's apex only");
      return Optional.empty();
    }
    Optional<HostedZone> privateZone = in.zones().longestSuffixZone(name, true);
    Optional<HostedZone> publicZone = in.zones().longestSuffixZone(name, false);
    if (privateZone.isEmpty() && publicZone.isEmpty()) {
      draft.alert(AlertKind.NO_SUCH_ZONE, source + " lies in no hosted zone");
      return Optional.empty();
    }
    List<HostedZone> privateTargets = new ArrayList<>();
    privateZone
        .filter(
            z ->
                gate.allowed(z, source)
                    && gate.usable(z)
                    && gate.privateRecordsPossible()
                    && gate.mayJoin(z))
        .ifPresent(privateTargets::add);
    return Optional.of(
        new Targets(
            privateTargets, publicZone.filter(z -> gate.allowed(z, source) && gate.usable(z))));
  }

  private static String why(String source, boolean single, HostedZone zone) {
    String kind = zone.privateZone() ? "private" : "public";
    return source
        + (single ? "; placed in " : "; lies in ")
        + kind
        + " zone "
        + zone.name()
        + ", with the "
        + kind
        + " address";
  }

  /** The private addresses at {@code at}; says whether the instance has any to put there. */
  private boolean placePrivate(HostedZone zone, DnsName at, String why, Sharing sharing) {
    InstanceFacts facts = in.facts();
    facts
        .privateIpv4()
        .ifPresent(ip -> draft.record(zone, at, RecordType.A, List.of(ip), why, sharing));
    if (!facts.ipv6Addresses().isEmpty()) {
      draft.record(zone, at, RecordType.AAAA, facts.ipv6Addresses(), why, sharing);
    }
    if (facts.privateIpv4().isEmpty() && facts.ipv6Addresses().isEmpty()) {
      return false;
    }
    gate.associateIfNeeded(zone);
    return true;
  }

  /** The public address at {@code at}, or a note that there is none; and the IPv6 addresses. */
  private void placePublic(HostedZone zone, DnsName at, String why, Sharing sharing) {
    InstanceFacts facts = in.facts();
    facts
        .publicIpv4()
        .ifPresentOrElse(
            ip -> draft.record(zone, at, RecordType.A, List.of(ip), why, sharing),
            () ->
                draft.note(
                    "no public IPv4 address: no A record for "
                        + at
                        + " in public zone "
                        + zone.name()));
    if (!facts.ipv6Addresses().isEmpty()) {
      draft.record(zone, at, RecordType.AAAA, facts.ipv6Addresses(), why, sharing);
    }
  }

  private void invalid(String message) {
    draft.alert(AlertKind.INVALID_TAG, message);
  }

  /** A single label as typed ({@code web}), a full name with its dot. */
  private static String shown(DnsName name) {
    return name.labels().size() == 1 ? name.firstLabel() : name.value();
  }
}
