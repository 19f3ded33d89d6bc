package ddns.fakes;

import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.facts.InstanceState;
import ddns.facts.VpcFacts;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** EC2 in memory: instances in one VPC with a DHCP domain, addressed 10.0.1.x. */
public final class FakeInstances implements InstanceSource {
  public static final String VPC = "vpc-0fake";
  private final Map<InstanceId, InstanceFacts> instances = new LinkedHashMap<>();
  private final VpcFacts vpc;

  public FakeInstances(String dhcpDomain) {
    this.vpc = new VpcFacts(VPC, true, List.of(dhcpDomain));
  }

  /** A running instance at 10.0.1.{@code host} with the tags. */
  public InstanceId run(int host, Map<String, String> tags) {
    InstanceId id = InstanceId.of(String.format("i-%08x", host));
    instances.put(id, facts(id, host, InstanceState.RUNNING, tags));
    return id;
  }

  public void stop(InstanceId id) {
    InstanceFacts f = instances.get(id);
    int host = Integer.parseInt(f.privateIpv4().orElseThrow().substring("10.0.1.".length()));
    instances.put(id, facts(id, host, InstanceState.STOPPED, f.tags()));
  }

  private static InstanceFacts facts(
      InstanceId id, int host, InstanceState state, Map<String, String> tags) {
    return InstanceFacts.builder(id, state, Instant.parse("2026-11-26T08:00:00Z").plusSeconds(host))
        .vpcId(VPC)
        .privateIp("10.0.1." + host)
        .privateDnsName("ip-10-0-1-" + host + ".ec2.internal")
        .tags(tags)
        .build();
  }

  @Override
  public Map<InstanceId, InstanceFacts> describe(Collection<InstanceId> instanceIds) {
    Map<InstanceId, InstanceFacts> found = new LinkedHashMap<>();
    instanceIds.forEach(
        id -> {
          if (instances.containsKey(id)) {
            found.put(id, instances.get(id));
          }
        });
    return found;
  }

  @Override
  public List<InstanceFacts> running() {
    return instances.values().stream().filter(f -> f.state().registers()).toList();
  }

  @Override
  public VpcFacts vpc(String vpcId) {
    return vpc;
  }
}
