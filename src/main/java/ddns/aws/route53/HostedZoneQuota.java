package ddns.aws.route53;

import ddns.failure.ServiceFailure;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AccountLimitType;
import software.amazon.awssdk.services.route53.model.GetAccountLimitResponse;

/** The account's hosted zones against its quota ({@code GetAccountLimit}). Read-only. */
public final class HostedZoneQuota {
  private final Route53Client route53;

  public HostedZoneQuota(Route53Client route53) {
    this.route53 = route53;
  }

  /** Hosted zones the account has, and how many it may have. */
  public record Use(long zones, long limit) {}

  /**
   * @throws ServiceFailure when Route 53 does not answer it (not allowed, not offered)
   */
  public Use read() {
    try {
      GetAccountLimitResponse answer =
          route53.getAccountLimit(r -> r.type(AccountLimitType.MAX_HOSTED_ZONES_BY_OWNER));
      return new Use(answer.count(), answer.limit().value());
    } catch (SdkException e) {
      throw new ServiceFailure("Route 53 GetAccountLimit", e);
    }
  }
}
