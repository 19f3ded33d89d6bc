package ddns.plan;

import ddns.alert.AlertKind;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordType;
import java.util.List;
import java.util.Optional;

/**
 * The alias tag's records (docs/behaviour.md, "Records"): a CNAME in the longest private zone the
 * name lies in, pointing at the instance's A record (else its private DNS name), and one in the
 * longest public zone, pointing at its public DNS name. Never at a zone apex, nor at a name the
 * instance's other records use.
 */
final class AliasRules {
  private final PlanInputs in;
  private final PlanDraft draft;
  private final ZoneGate gate;

  AliasRules(PlanInputs in, PlanDraft draft, ZoneGate gate) {
    this.in = in;
    this.draft = draft;
    this.gate = gate;
  }

  /** A private alias made: its name, and the name it points at. */
  record Alias(DnsName name, DnsName target) {}

  /**
   * The CNAME tag's records; returns the private alias when one is made.
   *
   * @param aNames the names of the instance's host records in private zones, best first
   */
  Optional<Alias> records(DnsName alias, List<DnsName> aNames) {
    String tag = in.rules().cnameTagKey() + " tag " + alias;
    if (in.zones().isApex(alias)) {
      draft.alert(
          AlertKind.CNAME_AT_APEX, tag + " names a zone apex, where a CNAME is not allowed");
      return Optional.empty();
    }
    Optional<HostedZone> privateZone = in.zones().longestSuffixZone(alias, true);
    Optional<HostedZone> publicZone = in.zones().longestSuffixZone(alias, false);
    if (privateZone.isEmpty() && publicZone.isEmpty()) {
      draft.alert(AlertKind.NO_SUCH_ZONE, tag + " lies in no hosted zone");
      return Optional.empty();
    }
    if (aNames.contains(alias) || draft.hasRecordAt(alias)) {
      draft.alert(
          AlertKind.NAME_CONFLICT,
          tag + " is the instance's own host name; a CNAME cannot share it");
      return Optional.empty();
    }
    Optional<Alias> made =
        privateZone
            .filter(
                z ->
                    gate.allowed(z, tag)
                        && gate.usable(z)
                        && gate.privateRecordsPossible()
                        && gate.mayJoin(z))
            .flatMap(z -> privateAlias(z, alias, tag, aNames));
    publicZone
        .filter(z -> gate.allowed(z, tag) && gate.usable(z))
        .ifPresent(z -> publicAlias(z, alias, tag));
    return made;
  }

  /** The CNAME in the private zone, pointing at the first A name or else the private DNS name. */
  private Optional<Alias> privateAlias(
      HostedZone zone, DnsName alias, String tag, List<DnsName> aNames) {
    Optional<DnsName> target = aNames.stream().findFirst().or(() -> in.privateDnsName(draft));
    if (target.isEmpty()) {
      draft.note("no private DNS name to point " + alias + " at");
      return Optional.empty();
    }
    if (target.get().equals(alias)) {
      draft.alert(AlertKind.NAME_CONFLICT, tag + " points at itself");
      return Optional.empty();
    }
    draft.record(
        zone,
        alias,
        RecordType.CNAME,
        List.of(target.get().value()),
        tag
            + " lies in private zone "
            + zone.name()
            + "; it points at the "
            + (aNames.isEmpty() ? "private DNS name" : "instance's A record"));
    gate.associateIfNeeded(zone);
    return Optional.of(new Alias(alias, target.get()));
  }

  /** The CNAME in the public zone, pointing at the public DNS name. */
  private void publicAlias(HostedZone zone, DnsName alias, String tag) {
    Optional<DnsName> target = in.publicDnsName(draft);
    if (target.isEmpty()) {
      draft.note("no public DNS name: no CNAME in public zone " + zone.name());
    } else if (!target.get().equals(alias)) {
      draft.record(
          zone,
          alias,
          RecordType.CNAME,
          List.of(target.get().value()),
          tag + " lies in public zone " + zone.name() + "; it points at the public DNS name");
    }
  }
}
