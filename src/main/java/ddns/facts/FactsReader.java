package ddns.facts;

import ddns.dns.HostedZone;
import ddns.dns.ZoneId;
import ddns.failure.ServiceFailure;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The facts stage's reads: one {@link BatchFacts} per batch, from the ports (whose adapters keep
 * zone lists and VPC settings between warm invocations). Nothing is read for a batch that plans no
 * records. A read that fails makes the facts it was for unreadable, never the whole batch.
 */
public final class FactsReader {
  private final InstanceSource ec2;
  private final ZoneDirectory zones;

  public FactsReader(InstanceSource ec2, ZoneDirectory zones) {
    this.ec2 = ec2;
    this.zones = zones;
  }

  /**
   * The batch's instances as EC2 showed them and, for those whose records are planned, the zone
   * list and each VPC's DHCP domain names and associated zones. DNS support is not read here
   * ({@link #withDnsSupport}).
   *
   * @param found the instances EC2 showed
   * @param planned those whose records are planned (running, or held by a launch hook)
   */
  public BatchFacts read(
      Instant asOf, Collection<InstanceFacts> found, Collection<InstanceFacts> planned) {
    BatchFacts.Builder facts = BatchFacts.builder(asOf).instances(found);
    if (planned.isEmpty()) {
      return facts.build();
    }
    Set<Optional<String>> vpcIds = new java.util.LinkedHashSet<>();
    planned.forEach(f -> vpcIds.add(f.vpc()));
    List<HostedZone> all;
    try {
      all = zones.zones();
    } catch (ServiceFailure e) {
      vpcIds.forEach(v -> facts.unreadable(v.orElse(BatchFacts.NONE), e.getMessage()));
      return facts.build();
    }
    facts.zones(all);
    for (Optional<String> vpcId : vpcIds) {
      if (vpcId.isEmpty()) {
        facts.noVpc();
        continue;
      }
      try {
        VpcFacts vpc = ec2.vpc(vpcId.get());
        Set<ZoneId> associated = zones.zonesAssociatedWith(vpcId.get());
        facts.vpc(vpc, associated);
      } catch (ServiceFailure e) {
        facts.unreadable(vpcId.get(), e.getMessage());
      }
    }
    return facts.build();
  }

  /**
   * The facts with the DNS support of the VPCs named read ({@code DescribeVpcAttribute}); a VPC
   * whose setting cannot be read becomes unreadable.
   */
  public BatchFacts withDnsSupport(BatchFacts facts, Set<String> vpcIds) {
    Map<String, Boolean> support = new LinkedHashMap<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (String vpcId : new TreeSet<>(vpcIds)) {
      try {
        support.put(vpcId, ec2.dnsSupport(vpcId));
      } catch (ServiceFailure e) {
        failed.put(vpcId, e.getMessage());
      }
    }
    return facts.withDnsSupport(support, failed);
  }
}
