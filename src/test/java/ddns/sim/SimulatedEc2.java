package ddns.sim;

import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.facts.VpcFacts;
import ddns.facts.Workplace;
import ddns.facts.WorkplaceDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EC2, STS and Organizations as one container's adapters call them (aws.ec2.Ec2InstanceSource,
 * aws.AwsWorkplaces): DescribeInstances pages of 1,000, ids 200 a filter, three calls per VPC
 * (DescribeVpcs, DescribeVpcAttribute, DescribeDhcpOptions), each in the workplace's own account;
 * the tool's own account looked up once; the organization's accounts listed 20 a page and kept five
 * minutes.
 */
final class SimulatedEc2 implements InstanceSource, WorkplaceDirectory {
  private static final Duration ORGANIZATION_TTL = Duration.ofMinutes(5);

  private final Container container;
  private final LandingZone ec2;
  private boolean homeKnown;
  private List<String> organization;
  private Instant organizationReadAt;

  SimulatedEc2(Container container) {
    this.container = container;
    this.ec2 = container.aws.ec2;
  }

  @Override
  public Map<InstanceId, InstanceFacts> describe(Collection<InstanceId> instanceIds) {
    Map<InstanceId, InstanceFacts> found = new LinkedHashMap<>();
    InstanceId.byWorkplace(instanceIds)
        .forEach(
            (where, ids) -> {
              Workplace place = where.orElse(ec2.home());
              for (int from = 0; from < ids.size(); from += 200) {
                List<InstanceId> page = ids.subList(from, Math.min(ids.size(), from + 200));
                found.putAll(
                    container.ec2("EC2.DescribeInstances", place, () -> ec2.describe(page)));
              }
            });
    return found;
  }

  @Override
  public List<InstanceFacts> running(Workplace where) {
    List<InstanceFacts> all =
        container.ec2("EC2.DescribeInstances", where, () -> ec2.running(where));
    for (int more = 1000; more < all.size(); more += 1000) {
      container.ec2("EC2.DescribeInstances", where, () -> null);
    }
    return all;
  }

  @Override
  public VpcFacts vpc(String vpcId) {
    Workplace where = Workplace.split(vpcId).workplace().orElse(ec2.home());
    container.ec2("EC2.DescribeVpcs", where, () -> null);
    return container.ec2("EC2.DescribeDhcpOptions", where, () -> ec2.vpc(vpcId));
  }

  @Override
  public boolean dnsSupport(String vpcId) {
    Workplace where = Workplace.split(vpcId).workplace().orElse(ec2.home());
    return container.ec2("EC2.DescribeVpcAttribute", where, () -> ec2.dnsSupport(vpcId));
  }

  @Override
  public Workplace home() {
    lookUpOwnAccount();
    return ec2.home();
  }

  @Override
  public String ownAccount() {
    lookUpOwnAccount();
    return ec2.ownAccount();
  }

  private void lookUpOwnAccount() {
    if (!homeKnown) {
      container.call("STS.GetCallerIdentity", ec2.home().account(), Latency.STS, () -> null);
      homeKnown = true;
    }
  }

  @Override
  public List<String> organizationAccounts() {
    Instant now = container.clock.instant();
    if (organization == null || !now.isBefore(organizationReadAt.plus(ORGANIZATION_TTL))) {
      String central = ec2.home().account();
      organization =
          container.call(
              "Organizations.ListAccounts",
              central,
              Latency.ORGANIZATIONS,
              ec2::organizationAccounts);
      container.more(
          "Organizations.ListAccounts",
          central,
          Latency.ORGANIZATIONS,
          (organization.size() - 1) / 20);
      organizationReadAt = now;
    }
    return organization;
  }
}
