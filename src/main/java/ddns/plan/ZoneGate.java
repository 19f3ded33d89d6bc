package ddns.plan;

import ddns.alert.AlertKind;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.InvalidNameException;
import ddns.dns.ZoneId;
import ddns.plan.ZoneAction.AssociateVpc;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a zone takes one instance's records (docs/behaviour.md, "Records"): allowed by {@code
 * DDNS_ALLOWED_ZONES}, of a kind and id the tool writes, and, for a private zone, one the VPC
 * resolves with DNS support on, or may join. Each refusal goes on the draft as an alert or a note,
 * said once per zone (and once for DNS support), which is all the gate remembers. A private zone
 * that receives a record gets the VPC's association as a zone action.
 */
final class ZoneGate {
  private static final DnsName EC2_INTERNAL = DnsName.parse("ec2.internal");
  private static final DnsName COMPUTE_INTERNAL = DnsName.parse("compute.internal");

  private final PlanInputs in;
  private final PlanDraft draft;
  private final Set<ZoneId> reported = new HashSet<>();
  private boolean dnsSupportAlerted;

  ZoneGate(PlanInputs in, PlanDraft draft) {
    this.in = in;
    this.draft = draft;
  }

  /**
   * The zone is within {@code DDNS_ALLOWED_ZONES}; else alerted, naming {@code what} fell in it.
   */
  boolean allowed(HostedZone zone, String what) {
    if (in.rules().allows(zone.name())) {
      return true;
    }
    draft.alert(
        AlertKind.ZONE_NOT_ALLOWED,
        what + " falls in zone " + zone.name() + ", which is not an allowed zone");
    return false;
  }

  /**
   * The tool writes to this zone: its kind is in {@code DDNS_ZONE_TYPES} (else a note), and its id
   * in {@code DDNS_ALLOWED_ZONE_IDS} when that is set (else an alert: the role may not change it,
   * so sending the change would only fail until the dead-letter queue). Said once per zone.
   */
  boolean usable(HostedZone zone) {
    PlanningRules rules = in.rules();
    if (!rules.zoneTypes().allows(zone)) {
      if (reported.add(zone.id())) {
        draft.note(
            (zone.privateZone() ? "private" : "public")
                + " zone "
                + zone.name()
                + " ("
                + zone.id()
                + ") is left out: DDNS_ZONE_TYPES is "
                + rules.zoneTypes().label());
      }
      return false;
    }
    if (!rules.allowsId(zone)) {
      if (reported.add(zone.id())) {
        draft.alert(
            AlertKind.ZONE_NOT_ALLOWED,
            "zone "
                + zone.name()
                + " ("
                + zone.id()
                + ") is not in DDNS_ALLOWED_ZONE_IDS: no record is written there");
      }
      return false;
    }
    return true;
  }

  /** The VPC resolves private zones (DNS support on); else alerted once. */
  boolean privateRecordsPossible() {
    if (in.vpc().dnsSupport()) {
      return true;
    }
    if (!dnsSupportAlerted) {
      draft.alert(
          AlertKind.DNS_SUPPORT_DISABLED,
          "DNS support is disabled in " + in.vpc().vpcId() + ": no private-zone records");
      dnsSupportAlerted = true;
    }
    return false;
  }

  /**
   * A private zone the VPC is not associated with may be joined, unless joining it would hide names
   * the VPC resolves today: a public zone of the same name exists (inside the VPC, every public
   * name missing from the private zone would stop resolving), or the name is AWS's own ({@code
   * ec2.internal}, {@code <region>.compute.internal}). Such a zone is joined only when the operator
   * listed it ({@code DDNS_ASSOCIATE_ZONES}); else alerted, and no record goes there.
   */
  boolean mayJoin(HostedZone zone) {
    PlanningRules rules = in.rules();
    if (!zone.privateZone() || in.zones().isAssociated(zone) || !rules.associateVpc()) {
      return true;
    }
    boolean shadowsPublic = in.zones().publicZoneNamed(zone.name()).isPresent();
    boolean awsOwn = zone.name().isWithin(EC2_INTERNAL) || zone.name().isWithin(COMPUTE_INTERNAL);
    if ((!shadowsPublic && !awsOwn) || rules.mayAssociate(zone)) {
      return true;
    }
    draft.alert(
        AlertKind.ASSOCIATION_REFUSED,
        "private zone "
            + zone.name()
            + " ("
            + zone.id()
            + ") is not associated with "
            + in.facts().vpc().orElse("the VPC")
            + ", and joining it would hide "
            + (shadowsPublic ? "the public zone of that name" : "AWS's own names of that domain")
            + " inside the VPC: no record is written there; list it in DDNS_ASSOCIATE_ZONES to"
            + " allow it");
    return false;
  }

  /** A private zone that receives a record and does not serve the VPC yet gets it associated. */
  void associateIfNeeded(HostedZone zone) {
    if (zone.privateZone()
        && !in.zones().isAssociated(zone)
        && in.rules().associateVpc()
        && in.facts().vpc().isPresent()) {
      draft.zoneAction(new AssociateVpc(zone.id(), zone.name(), in.facts().vpc().get()));
    }
  }

  /**
   * {@code label.zone}, or an {@link AlertKind#INVALID_TAG} alert naming what does not fit (a label
   * of a tag, of EC2's names or of the pattern, below a zone too long to take it).
   */
  Optional<DnsName> below(HostedZone zone, String label, String source) {
    try {
      return Optional.of(zone.name().prepend(label));
    } catch (InvalidNameException e) {
      draft.alert(
          AlertKind.INVALID_TAG,
          source + " cannot be placed in zone " + zone.name() + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
