package ddns.plan;

import ddns.alert.AlertKind;
import ddns.dns.DnsName;
import ddns.dns.ZoneCatalog;
import ddns.facts.InstanceFacts;
import ddns.facts.VpcFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which records a running instance should have (docs/behaviour.md, "Records"). Pure: facts
 * and zones in, an {@link InstancePlan} out.
 *
 * <p>Worked example: instance {@code ip-10-0-1-23}, VPC DHCP domain {@code corp.internal}, tag
 * {@code CNAME=web.corp.internal}, private zones {@code corp.internal.} and {@code
 * 1.0.10.in-addr.arpa.}:
 *
 * <pre>
 * A     ip-10-0-1-23.corp.internal.  10.0.1.23                       (DHCP zone)
 * CNAME web.corp.internal.           ip-10-0-1-23.corp.internal.     (CNAME tag, private zone)
 * PTR   23.1.0.10.in-addr.arpa.      web.corp.internal.              (points at the alias)
 * </pre>
 */
public final class RecordRules {
  private final PlanningRules rules;

  public RecordRules(PlanningRules rules) {
    this.rules = rules;
  }

  /**
   * The records and zone actions this instance should have, with the alerts, notes and reasons of
   * the way there. Each concern adds to one {@link PlanDraft}, in this order: the zones chosen
   * ({@link ZoneChoice}), host records ({@link HostRecordRules}), the own host name ({@link
   * OwnNameRules}), aliases ({@link AliasRules}), the pool, then pointers ({@link PointerRules}).
   */
  public InstancePlan plan(InstanceFacts facts, VpcFacts vpc, ZoneCatalog zones) {
    PlanDraft draft = new PlanDraft(facts.instanceId(), rules.ttl());
    if (!facts.state().registers()) {
      draft.note("instance is " + facts.state().ec2Name() + "; it gets no records");
      return draft.build();
    }
    PlanInputs in = new PlanInputs(facts, vpc, zones, rules);
    if (facts.publicIpv4().isPresent() && facts.publicDns().isEmpty()) {
      draft.note(
          "warning: the instance has a public address but no public DNS name; DNS hostnames"
              + " are probably disabled in "
              + vpc.vpcId());
    }
    records(in, draft);
    if (draft.isEmpty()) {
      draft.note("no tag and no hosted zone for the VPC's DHCP domain: nothing to register");
    }
    return draft.build();
  }

  /** A running instance's records, each concern in turn. */
  private void records(PlanInputs in, PlanDraft draft) {
    ZoneGate gate = new ZoneGate(in, draft);
    PointerRules pointers = new PointerRules(in, draft, gate);
    HostRecordRules hosts = new HostRecordRules(in, draft, gate);
    OwnNameRules ownNames = new OwnNameRules(in, draft, gate);
    AliasRules aliases = new AliasRules(in, draft, gate);
    Optional<DnsName> zoneTag = tag(in, draft, rules.zoneTagKey(), false);
    Optional<DnsName> cnameTag = tag(in, draft, rules.cnameTagKey(), true);
    Optional<String> host = in.privateDnsName(draft).map(DnsName::firstLabel);

    ZoneChoice chosen = ZoneChoice.of(zoneTag, in, draft, gate);
    List<DnsName> aNames = hosts.records(host, chosen);
    Optional<DnsName> hostName = ownNames.hostName(chosen);
    Optional<AliasRules.Alias> alias = cnameTag.flatMap(name -> aliases.records(name, aNames));
    ownNames.pool(chosen);

    List<DnsName> targets = pointerTargets(hostName, alias, aNames);
    draft.pointerTargets(targets);
    targets.stream().findFirst().ifPresent(pointers::records);
    hosts.secondaryAddresses(chosen.privateZones(), pointers);
  }

  /**
   * The names the instance's pointers may name, best first: its own host name, its private alias,
   * and the alias's target or else its first host record.
   */
  private static List<DnsName> pointerTargets(
      Optional<DnsName> hostName, Optional<AliasRules.Alias> alias, List<DnsName> aNames) {
    List<DnsName> targets = new ArrayList<>();
    hostName.ifPresent(targets::add);
    alias.map(AliasRules.Alias::name).ifPresent(targets::add);
    alias
        .map(AliasRules.Alias::target)
        .or(() -> aNames.stream().findFirst())
        .ifPresent(targets::add);
    return targets.stream().distinct().toList();
  }

  /** The name a zone or alias tag gives; an unusable one is alerted. */
  private static Optional<DnsName> tag(PlanInputs in, PlanDraft draft, String key, boolean alias) {
    return TagNames.read(
        in.facts().tags(), key, alias, in.self(), m -> draft.alert(AlertKind.INVALID_TAG, m));
  }
}
