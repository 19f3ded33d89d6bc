package ddns.plan;

import ddns.dns.DnsName;
import ddns.dns.InvalidNameException;
import ddns.dns.ZoneCatalog;
import ddns.facts.InstanceFacts;
import ddns.facts.VpcFacts;
import java.util.Optional;

/** What the record rules read for one instance: its facts, its VPC's, the zones, the settings. */
record PlanInputs(InstanceFacts facts, VpcFacts vpc, ZoneCatalog zones, PlanningRules rules) {

  /** The instance's id as EC2 writes it, which its own names may use. */
  String self() {
    return facts.instanceId().ec2Id();
  }

  /** EC2's private DNS name of the instance; one that does not parse is noted, and absent. */
  Optional<DnsName> privateDnsName(PlanDraft draft) {
    return facts.privateDns().flatMap(raw -> ec2Name(raw, draft));
  }

  /** EC2's public DNS name of the instance; one that does not parse is noted, and absent. */
  Optional<DnsName> publicDnsName(PlanDraft draft) {
    return facts.publicDns().flatMap(raw -> ec2Name(raw, draft));
  }

  private static Optional<DnsName> ec2Name(String raw, PlanDraft draft) {
    try {
      return Optional.of(DnsName.parse(raw));
    } catch (InvalidNameException e) {
      draft.note("EC2 reported an unusable DNS name: " + e.getMessage());
      return Optional.empty();
    }
  }
}
