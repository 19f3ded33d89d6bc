package ddns.aws.ec2;

import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.facts.VpcFacts;
import ddns.facts.Workplace;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@link InstanceSource} over every workplace served: each id goes to the EC2 of the workplace it
 * names (the tool's own when it names none), through the member role in another account. VPC
 * settings are read through a {@link VpcCache}.
 */
public final class Ec2Workplaces implements InstanceSource {
  private final Function<Workplace, Ec2Client> ec2;
  private final Supplier<Workplace> home;
  private final VpcCache vpcs;

  /**
   * @param ec2 the EC2 client of a workplace
   * @param home the tool's own workplace
   * @param vpcs the VPC settings kept between invocations
   */
  public Ec2Workplaces(
      Function<Workplace, Ec2Client> ec2, Supplier<Workplace> home, VpcCache vpcs) {
    this.ec2 = ec2;
    this.home = home;
    this.vpcs = vpcs;
  }

  /** One {@code DescribeInstances} (per 200 ids) per workplace named. */
  @Override
  public Map<InstanceId, InstanceFacts> describe(Collection<InstanceId> instanceIds) {
    Workplace own = home.get();
    Map<InstanceId, InstanceFacts> found = new LinkedHashMap<>();
    InstanceId.byWorkplace(instanceIds)
        .forEach((where, ids) -> found.putAll(in(where.orElse(own), own).describe(ids)));
    return found;
  }

  @Override
  public List<InstanceFacts> running(Workplace where) {
    return in(where, home.get()).running();
  }

  @Override
  public VpcFacts vpc(String vpcId) {
    return vpcs.vpc(vpcId, () -> ofVpc(vpcId).vpc(vpcId));
  }

  @Override
  public boolean dnsSupport(String vpcId) {
    return vpcs.dnsSupport(vpcId, () -> ofVpc(vpcId).dnsSupport(vpcId));
  }

  private Ec2InstanceSource ofVpc(String vpcId) {
    Workplace own = home.get();
    return in(Workplace.split(vpcId).workplace().orElse(own), own);
  }

  private Ec2InstanceSource in(Workplace where, Workplace own) {
    return new Ec2InstanceSource(ec2.apply(where), id -> where.qualify(id, own));
  }
}
