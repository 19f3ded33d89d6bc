package ddns.facts;

import ddns.failure.ServiceFailure;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads instances and VPCs from EC2, in the workplace each id names ({@link Workplace}). Read-only,
 * so every call is idempotent. An adapter may keep a VPC's settings for a short time ({@code
 * DDNS_CACHE_TTL}); instances are always read as they are now. Throttling and 5xx are retried
 * inside; what still fails is thrown as {@link ServiceFailure}.
 */
public interface InstanceSource {

  /** Current facts of the given instances; ids EC2 does not know are absent from the result. */
  Map<InstanceId, InstanceFacts> describe(Collection<InstanceId> instanceIds);

  /** Every running instance of the workplace, all pages, all VPCs. */
  List<InstanceFacts> running(Workplace where);

  /**
   * The domain names of the VPC's DHCP option set ({@code DescribeVpcs}, {@code
   * DescribeDhcpOptions}); its DNS support is not read ({@link VpcFacts.DnsSupport#NOT_READ}).
   */
  VpcFacts vpc(String vpcId);

  /** Whether the VPC has DNS support ({@code DescribeVpcAttribute enableDnsSupport}). */
  boolean dnsSupport(String vpcId);
}
