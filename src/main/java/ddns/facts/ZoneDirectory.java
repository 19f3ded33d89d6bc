package ddns.facts;

import ddns.dns.HostedZone;
import ddns.dns.ZoneId;
import ddns.failure.ServiceFailure;
import java.util.List;
import java.util.Set;

/**
 * The hosted zones of the account and which private zones a VPC sees (Route 53, read-only, so
 * idempotent). An adapter may keep what it listed for a short time ({@code DDNS_CACHE_TTL}),
 * provided the zones the tool itself creates, associates or deletes show at once. Throttling and
 * 5xx are retried inside; what still fails is thrown as {@link ServiceFailure}.
 */
public interface ZoneDirectory {

  /** Every hosted zone of the account (all pages). */
  List<HostedZone> zones();

  /** Ids of the private zones associated with the VPC, in the region the clients use. */
  Set<ZoneId> zonesAssociatedWith(String vpcId);

  /**
   * The zone's record-set count as last listed (it only sizes how the zone is read); 0 when it was
   * not listed. Never calls Route 53.
   */
  long recordSetCount(ZoneId zoneId);

  /**
   * The account's hosted zones against its quota ({@code GetAccountLimit}, {@code
   * MAX_HOSTED_ZONES_BY_OWNER}): every zone of the account counts, the tool's and others'.
   */
  ZoneQuota hostedZoneQuota();

  /** How many hosted zones the account has, and how many it may have. */
  record ZoneQuota(long count, long limit) {}
}
