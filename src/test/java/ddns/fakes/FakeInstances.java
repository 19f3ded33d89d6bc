package ddns.fakes;

import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.facts.InstanceState;
import ddns.facts.VpcFacts;
import ddns.facts.Workplace;
import ddns.facts.WorkplaceDirectory;
import ddns.failure.ServiceFailure;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EC2 in memory: instances in one VPC with a DHCP domain, addressed 10.0.1.x; in the tool's own
 * workplace, or in others ({@link #runIn}) that can be made unreachable.
 */
public final class FakeInstances implements InstanceSource, WorkplaceDirectory {
  public static final String VPC = "vpc-0fake";
  private final Map<InstanceId, InstanceFacts> instances = new LinkedHashMap<>();
  private final Map<InstanceId, Integer> hosts = new java.util.HashMap<>();
  private final VpcFacts vpc;
  private Workplace home = Workplace.own("us-east-1");
  private final List<String> organization = new java.util.ArrayList<>();
  private final Map<Workplace, String> unreachable = new java.util.HashMap<>();

  public FakeInstances(String dhcpDomain) {
    this.vpc = VpcFacts.unread(VPC, List.of(dhcpDomain));
  }

  /** 10.0.1.{@code host} below 256; further hosts count on through 10.0.2.0 and up. */
  public static String address(int host) {
    return "10.0." + (1 + host / 256) + "." + host % 256;
  }

  /**
   * A running instance at 10.0.1.{@code host} with the tags ({@code host} 256 and above: the next
   * /24s, 10.0.2.0 onwards, for fleets larger than one subnet).
   */
  public InstanceId run(int host, Map<String, String> tags) {
    InstanceId id = InstanceId.of(String.format("i-%08x", host));
    instances.put(id, facts(id, host, InstanceState.RUNNING, tags));
    return id;
  }

  /** The tool's own workplace becomes {@code home} (it serves others). */
  public void home(Workplace home) {
    this.home = home;
  }

  /** A running instance at 10.0.1.{@code host} in the workplace {@code where}. */
  public InstanceId runIn(Workplace where, int host, Map<String, String> tags) {
    InstanceId id = InstanceId.in(where, String.format("i-%08x", host), home);
    instances.put(id, facts(id, host, InstanceState.RUNNING, tags, where.qualify(VPC, home)));
    return id;
  }

  /** Every call for the workplace fails as a member role that cannot be assumed does. */
  public void unreachable(Workplace where) {
    unreachable.put(
        where, "cannot assume the member role of " + where.account() + ": AccessDenied");
  }

  public void organization(List<String> accounts) {
    organization.clear();
    organization.addAll(accounts);
  }

  private void check(Workplace where) {
    if (unreachable.containsKey(where)) {
      throw new ServiceFailure("EC2.DescribeInstances failed: " + unreachable.get(where), null);
    }
  }

  private String homeUnknown;

  /** STS cannot say which account the tool runs in: {@link #home} fails with {@code why}. */
  public void homeUnknown(String why) {
    homeUnknown = why;
  }

  /** The account the tool runs in: the home's, or the account the tests' events come from. */
  @Override
  public String ownAccount() {
    if (homeUnknown != null) {
      throw new ServiceFailure("STS.GetCallerIdentity failed: " + homeUnknown, null);
    }
    return Workplace.isAccount(home.account()) ? home.account() : "123456789012";
  }

  @Override
  public Workplace home() {
    if (homeUnknown != null) {
      throw new ServiceFailure("STS.GetCallerIdentity failed: " + homeUnknown, null);
    }
    return home;
  }

  @Override
  public List<String> organizationAccounts() {
    return List.copyOf(organization);
  }

  public void stop(InstanceId id) {
    setState(id, InstanceState.STOPPED);
  }

  public void start(InstanceId id) {
    setState(id, InstanceState.RUNNING);
  }

  /** The instance's tags become {@code tags}. */
  public void retag(InstanceId id, Map<String, String> tags) {
    InstanceFacts f = instances.get(id);
    instances.put(id, facts(id, hosts.get(id), f.state(), tags, f.vpc().orElse(VPC)));
  }

  /** EC2 reports the instance pending (launched, not yet running). */
  public void pending(InstanceId id) {
    setState(id, InstanceState.PENDING);
  }

  private void setState(InstanceId id, InstanceState state) {
    InstanceFacts f = instances.get(id);
    int host = hosts.get(id);
    instances.put(id, facts(id, host, state, f.tags(), f.vpc().orElse(VPC)));
  }

  private InstanceFacts facts(
      InstanceId id, int host, InstanceState state, Map<String, String> tags) {
    return facts(id, host, state, tags, VPC);
  }

  private InstanceFacts facts(
      InstanceId id, int host, InstanceState state, Map<String, String> tags, String vpcId) {
    hosts.put(id, host);
    String ip = address(host);
    return InstanceFacts.builder(id, state, Instant.parse("2026-11-26T08:00:00Z").plusSeconds(host))
        .vpcId(vpcId)
        .privateIp(ip)
        .privateDnsName("ip-" + ip.replace('.', '-') + ".ec2.internal")
        .tags(tags)
        .build();
  }

  @Override
  public Map<InstanceId, InstanceFacts> describe(Collection<InstanceId> instanceIds) {
    Map<InstanceId, InstanceFacts> found = new LinkedHashMap<>();
    instanceIds.forEach(id -> check(id.workplaceIn(home)));
    instanceIds.forEach(
        id -> {
          if (instances.containsKey(id)) {
            found.put(id, instances.get(id));
          }
        });
    return found;
  }

  @Override
  public List<InstanceFacts> running(Workplace where) {
    check(where);
    return instances.values().stream()
        .filter(f -> f.state().registers())
        .filter(f -> f.instanceId().workplaceIn(home).equals(where))
        .toList();
  }

  /** Every VPC here has the one DHCP domain. */
  @Override
  public VpcFacts vpc(String vpcId) {
    return VpcFacts.unread(vpcId, vpc.dhcpDomainNames());
  }

  /** Every VPC here has DNS support. */
  @Override
  public boolean dnsSupport(String vpcId) {
    return true;
  }
}
