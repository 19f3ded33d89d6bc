package ddns.sim;

import ddns.apply.ChangeId;
import ddns.apply.DnsZones;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordSet;
import ddns.dns.ZoneId;
import ddns.facts.Workplace;
import ddns.facts.ZoneDirectory;
import ddns.plan.PlannedChange;
import java.util.List;
import java.util.Set;

/**
 * Route 53 as one container's adapter calls it (aws.route53.Route53DnsZones): every zone is the
 * central account's and spends its budget; a VPC of another account is listed and associated as
 * that account (ListHostedZonesByVPC; CreateVPCAssociationAuthorization,
 * AssociateVPCWithHostedZone, DeleteVPCAssociationAuthorization), spending that account's. Pages:
 * 100 zones, 300 record sets (a zone's SOA and NS records included).
 */
final class SimulatedRoute53 implements ZoneDirectory, DnsZones {
  private final Container container;
  private final ddns.fakes.FakeDnsZones dns;

  SimulatedRoute53(Container container) {
    this.container = container;
    this.dns = container.aws.dns;
  }

  private String central() {
    return container.aws.central();
  }

  private String accountOf(String vpcId) {
    return Workplace.split(vpcId).workplace().map(Workplace::account).orElse(central());
  }

  @Override
  public List<HostedZone> zones() {
    List<HostedZone> zones =
        container.route53(
            "ListHostedZones",
            central(),
            () ->
                dns.zones().stream()
                    .map(
                        z ->
                            new HostedZone(
                                z.id(),
                                z.name(),
                                z.privateZone(),
                                dns.recordsIn(z.id()).size() + 2,
                                z.createdForVpc()))
                    .toList());
    container.route53More("ListHostedZones", central(), (zones.size() - 1) / 100);
    return zones;
  }

  @Override
  public Set<ZoneId> zonesAssociatedWith(String vpcId) {
    return container.route53(
        "ListHostedZonesByVPC", accountOf(vpcId), () -> dns.zonesAssociatedWith(vpcId));
  }

  /** As the adapter answers it: from the zones as last listed, without a request. */
  @Override
  public long recordSetCount(ZoneId zoneId) {
    return dns.recordSetCount(zoneId);
  }

  @Override
  public ZoneQuota hostedZoneQuota() {
    return container.route53("GetAccountLimit", central(), dns::hostedZoneQuota);
  }

  @Override
  public List<RecordSet> recordsAt(ZoneId zoneId, DnsName name) {
    return container.route53(
        "ListResourceRecordSets", central(), () -> dns.recordsAt(zoneId, name));
  }

  @Override
  public List<RecordSet> allRecords(ZoneId zoneId) {
    List<RecordSet> all =
        container.route53("ListResourceRecordSets", central(), () -> dns.allRecords(zoneId));
    container.route53More("ListResourceRecordSets", central(), (all.size() + 2 - 1) / 300);
    return all;
  }

  @Override
  public ChangeId apply(ZoneId zoneId, List<PlannedChange> changes) {
    return container.route53(
        "ChangeResourceRecordSets", central(), () -> dns.apply(zoneId, changes));
  }

  @Override
  public boolean inSync(ChangeId change) {
    return container.route53("GetChange", central(), () -> dns.inSync(change));
  }

  @Override
  public HostedZone createPrivateZone(DnsName name, String vpcId) {
    return container.route53(
        "CreateHostedZone", central(), () -> dns.createPrivateZone(name, vpcId));
  }

  @Override
  public void associate(ZoneId zoneId, String vpcId) {
    String account = accountOf(vpcId);
    boolean member = !account.equals(central());
    if (member) {
      container.route53("CreateVPCAssociationAuthorization", central(), () -> null);
    }
    container.route53(
        "AssociateVPCWithHostedZone",
        account,
        () -> {
          dns.associate(zoneId, vpcId);
          return null;
        });
    if (member) {
      container.route53("DeleteVPCAssociationAuthorization", central(), () -> null);
    }
  }

  @Override
  public boolean deleteZone(ZoneId zoneId) {
    return container.route53("DeleteHostedZone", central(), () -> dns.deleteZone(zoneId));
  }
}
