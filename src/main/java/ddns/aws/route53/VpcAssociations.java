package ddns.aws.route53;

import ddns.aws.AwsCall;
import ddns.dns.ZoneId;
import ddns.facts.Workplace;
import ddns.failure.ServiceFailure;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ConflictingDomainExistsException;
import software.amazon.awssdk.services.route53.model.VPC;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * A VPC as Route 53 names it, and its association with a private zone of the tool's account: one
 * call for a VPC of that account, the two steps Route 53 requires for a VPC of another
 * (docs/behaviour.md, "Many accounts and regions").
 */
final class VpcAssociations {
  private final Route53Client route53;
  private final String vpcRegion;
  private final Route53DnsZones.Accounts accounts;

  VpcAssociations(Route53Client route53, String vpcRegion, Route53DnsZones.Accounts accounts) {
    this.route53 = route53;
    this.vpcRegion = vpcRegion;
    this.accounts = accounts;
  }

  /** Its own id, and its region (the tool's, unless the id names another). */
  VPC vpc(String vpcId) {
    Workplace.Local local = Workplace.split(vpcId);
    String region = local.workplace().map(Workplace::region).orElse(vpcRegion);
    return VPC.builder().vpcId(local.id()).vpcRegion(VPCRegion.fromValue(region)).build();
  }

  /** Route 53 as the account that owns the VPC. */
  Route53Client asOwnerOf(String vpcId) {
    return Workplace.split(vpcId)
        .workplace()
        .map(Workplace::account)
        .filter(account -> !accounts.isOwn(account))
        .map(accounts::route53)
        .orElse(route53);
  }

  /**
   * Associates the VPC with the zone. Already associated counts as done; another zone of that name
   * in the VPC is a real conflict.
   *
   * @param associatedNow the zones the VPC sees now, read only when Route 53 reports a conflict
   */
  void associate(ZoneId zoneId, String vpcId, Supplier<Set<ZoneId>> associatedNow) {
    Optional<Workplace> where = Workplace.split(vpcId).workplace();
    if (where.isPresent() && !accounts.isOwn(where.get().account())) {
      across(zoneId, vpc(vpcId), where.get().account(), associatedNow);
      return;
    }
    try {
      route53.associateVPCWithHostedZone(
          r ->
              r.hostedZoneId(zoneId.value()).vpc(vpc(vpcId)).comment("associated by route53-ddns"));
    } catch (ConflictingDomainExistsException e) {
      if (!associatedNow.get().contains(zoneId)) {
        throw new ServiceFailure(AwsCall.describe("Route53.AssociateVPCWithHostedZone", e), e);
      }
    } catch (SdkException e) {
      throw new ServiceFailure(AwsCall.describe("Route53.AssociateVPCWithHostedZone", e), e);
    }
  }

  /**
   * The zone's account (this tool's) authorizes the association, the VPC's account makes it
   * (through the member role), and the authorization, no longer needed, is deleted (which leaves
   * the association). Each refused step says which permission of which role it needed.
   */
  private void across(ZoneId zoneId, VPC vpc, String account, Supplier<Set<ZoneId>> associatedNow) {
    String what = vpc.vpcId() + " (account " + account + ") with zone " + zoneId.value();
    step(
        "Route53.CreateVPCAssociationAuthorization",
        "route53:CreateVPCAssociationAuthorization on the zone, in this tool's role",
        what,
        () ->
            route53.createVPCAssociationAuthorization(
                r -> r.hostedZoneId(zoneId.value()).vpc(vpc)));
    try {
      step(
          "Route53.AssociateVPCWithHostedZone",
          "route53:AssociateVPCWithHostedZone and ec2:DescribeVpcs, in the member role of account "
              + account,
          what,
          () ->
              accounts
                  .route53(account)
                  .associateVPCWithHostedZone(
                      r ->
                          r.hostedZoneId(zoneId.value())
                              .vpc(vpc)
                              .comment("associated by route53-ddns")));
    } catch (ServiceFailure e) {
      if (!(e.getCause() instanceof ConflictingDomainExistsException)
          || !associatedNow.get().contains(zoneId)) {
        throw e;
      }
    } finally {
      try {
        route53.deleteVPCAssociationAuthorization(r -> r.hostedZoneId(zoneId.value()).vpc(vpc));
      } catch (SdkException e) {
        // Left behind it only allows what was asked for; the next association replaces it.
      }
    }
  }

  private static void step(String operation, String permission, String what, Runnable call) {
    try {
      call.run();
    } catch (SdkException e) {
      // By status as well: the body of a 401 (NotAuthorizedException) does not reach the SDK
      // through HttpURLConnection, which gives up reading a 401 answer to a streamed request.
      boolean denied =
          e instanceof AwsServiceException service
              && (service.statusCode() == 401
                  || service.statusCode() == 403
                  || (service.awsErrorDetails() != null
                      && List.of("AccessDenied", "AccessDeniedException", "NotAuthorizedException")
                          .contains(service.awsErrorDetails().errorCode())));
      throw new ServiceFailure(
          "associating VPC "
              + what
              + ": "
              + AwsCall.describe(operation, e)
              + (denied ? "; it needs " + permission : ""),
          e);
    }
  }
}
