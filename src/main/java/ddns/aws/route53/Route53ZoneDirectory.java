package ddns.aws.route53;

import ddns.aws.AwsCall;
import ddns.dns.HostedZone;
import ddns.dns.ZoneId;
import ddns.facts.ZoneDirectory;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AccountLimitType;

/**
 * {@link ZoneDirectory} on the Route 53 API, read through the {@link ZoneCache} it shares with
 * {@link Route53DnsZones}: a warm container lists the zones once per {@code DDNS_CACHE_TTL}.
 */
public final class Route53ZoneDirectory implements ZoneDirectory {
  private final Route53Client route53;
  private final ZoneListing listing;
  private final ZoneCache cache;

  /**
   * @param vpcRegion the region of an unqualified VPC id (the tool's own)
   * @param accounts reaches the account of a VPC of another workplace, to list its zones as that
   *     account
   * @param registry the registry table of this installation, which the zones it creates name
   */
  public Route53ZoneDirectory(
      Route53Client route53,
      String vpcRegion,
      Route53DnsZones.Accounts accounts,
      String registry,
      ZoneCache cache) {
    this.route53 = route53;
    this.listing =
        new ZoneListing(
            route53,
            new VpcAssociations(route53, vpcRegion, accounts),
            Route53DnsZones.ownerTag(registry));
    this.cache = cache;
  }

  @Override
  public List<HostedZone> zones() {
    return cache.zones(listing::zones);
  }

  @Override
  public Set<ZoneId> zonesAssociatedWith(String vpcId) {
    return cache.associatedWith(vpcId, () -> listing.zonesAssociatedWith(vpcId));
  }

  @Override
  public long recordSetCount(ZoneId zoneId) {
    return cache.recordSetCount(zoneId);
  }

  @Override
  public ZoneQuota hostedZoneQuota() {
    var answer =
        AwsCall.run(
            "Route53.GetAccountLimit",
            () -> route53.getAccountLimit(r -> r.type(AccountLimitType.MAX_HOSTED_ZONES_BY_OWNER)));
    return new ZoneQuota(answer.count(), answer.limit().value());
  }
}
