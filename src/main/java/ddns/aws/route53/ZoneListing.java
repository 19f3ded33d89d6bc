package ddns.aws.route53;

import ddns.aws.AwsCall;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.InvalidNameException;
import ddns.dns.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByVpcResponse;
import software.amazon.awssdk.services.route53.model.VPC;

/**
 * Route 53's two zone listings, as they are now (never cached): every zone of the account, and the
 * zones a VPC is associated with.
 */
final class ZoneListing {
  private final Route53Client route53;
  private final VpcAssociations associations;
  private final String owner;

  /**
   * @param owner this installation's tag in caller references ({@link Route53DnsZones#ownerTag})
   */
  ZoneListing(Route53Client route53, VpcAssociations associations, String owner) {
    this.route53 = route53;
    this.associations = associations;
    this.owner = owner;
  }

  List<HostedZone> zones() {
    return AwsCall.run(
        "Route53.ListHostedZones",
        () -> {
          List<HostedZone> zones = new ArrayList<>();
          route53
              .listHostedZonesPaginator(r -> {})
              .hostedZones()
              .forEach(
                  z -> {
                    try {
                      boolean privateZone =
                          z.config() != null && Boolean.TRUE.equals(z.config().privateZone());
                      long count =
                          z.resourceRecordSetCount() == null ? 0 : z.resourceRecordSetCount();
                      zones.add(
                          new HostedZone(
                              ZoneId.of(z.id()),
                              DnsName.parse(Route53DnsZones.unescape(z.name())),
                              privateZone,
                              count,
                              HostedZone.vpcOfCallerReference(z.callerReference(), owner)));
                    } catch (InvalidNameException e) {
                      // A zone whose name this tool cannot write in (e.g. with underscores) is
                      // never a target.
                    }
                  });
          return zones;
        });
  }

  /**
   * Asked as the VPC's account: Route 53 lists every zone associated with the VPC, whichever
   * account owns the zone, and the VPC's own account is the one sure to be allowed to ask about it
   * (the call checks the caller's access to the VPC as well).
   */
  Set<ZoneId> zonesAssociatedWith(String vpcId) {
    Set<ZoneId> ids = new HashSet<>();
    Route53Client asOwner = associations.asOwnerOf(vpcId);
    VPC vpc = associations.vpc(vpcId);
    String token = null;
    do {
      String next = token;
      ListHostedZonesByVpcResponse page =
          AwsCall.run(
              "Route53.ListHostedZonesByVPC",
              () ->
                  asOwner.listHostedZonesByVPC(
                      r ->
                          r.vpcId(vpc.vpcId()).vpcRegion(vpc.vpcRegionAsString()).nextToken(next)));
      page.hostedZoneSummaries().forEach(s -> ids.add(ZoneId.of(s.hostedZoneId())));
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return ids;
  }
}
