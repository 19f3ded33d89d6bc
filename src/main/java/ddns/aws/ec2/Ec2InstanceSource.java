package ddns.aws.ec2;

import ddns.aws.AwsCall;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceState;
import ddns.facts.VpcFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVpcAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/**
 * The EC2 API of one workplace (account and region). The ids it gives out are written as the tool
 * writes that workplace's ids ({@link ddns.facts.Workplace}), and it takes them back the same way.
 */
public final class Ec2InstanceSource {
  /** EC2 accepts at most 200 values per filter. */
  private static final int FILTER_VALUES = 200;

  private final Ec2Client ec2;
  private final UnaryOperator<String> qualify;

  /** The tool's own workplace: ids as EC2 writes them. */
  public Ec2InstanceSource(Ec2Client ec2) {
    this(ec2, UnaryOperator.identity());
  }

  /**
   * @param qualify how an instance or VPC id of this workplace is written ({@link
   *     ddns.facts.Workplace#qualify(String, ddns.facts.Workplace)})
   */
  public Ec2InstanceSource(Ec2Client ec2, UnaryOperator<String> qualify) {
    this.ec2 = ec2;
    this.qualify = qualify;
  }

  /**
   * Uses an {@code instance-id} filter rather than {@code InstanceIds}: with ids, one unknown id
   * fails the whole call ({@code InvalidInstanceID.NotFound}); a filter just leaves it out.
   */
  public Map<InstanceId, InstanceFacts> describe(Collection<InstanceId> instanceIds) {
    Map<InstanceId, InstanceFacts> found = new LinkedHashMap<>();
    List<String> ids = instanceIds.stream().map(InstanceId::ec2Id).toList();
    for (int from = 0; from < ids.size(); from += FILTER_VALUES) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + FILTER_VALUES));
      Filter filter = Filter.builder().name("instance-id").values(chunk).build();
      AwsCall.run(
          "EC2.DescribeInstances",
          () -> {
            for (Reservation reservation :
                ec2.describeInstancesPaginator(r -> r.filters(filter)).reservations()) {
              for (Instance instance : reservation.instances()) {
                InstanceState.parse(instance.state().nameAsString())
                    .ifPresent(
                        state ->
                            found.put(
                                InstanceId.of(qualify.apply(instance.instanceId())),
                                facts(instance, state)));
              }
            }
            return null;
          });
    }
    return found;
  }

  /** Every running instance of the workplace, all pages, all VPCs. */
  public List<InstanceFacts> running() {
    Filter running = Filter.builder().name("instance-state-name").values("running").build();
    return AwsCall.run(
        "EC2.DescribeInstances",
        () -> {
          List<InstanceFacts> found = new ArrayList<>();
          for (Reservation reservation :
              ec2.describeInstancesPaginator(r -> r.filters(running).maxResults(1000))
                  .reservations()) {
            for (Instance instance : reservation.instances()) {
              InstanceState.parse(instance.state().nameAsString())
                  .filter(InstanceState::registers)
                  .ifPresent(state -> found.add(facts(instance, state)));
            }
          }
          return found;
        });
  }

  /** The VPC's DHCP option set's domain names; its DNS support is not read here. */
  public VpcFacts vpc(String qualifiedVpcId) {
    String vpcId = ddns.facts.Workplace.split(qualifiedVpcId).id();
    Vpc vpc =
        AwsCall.run("EC2.DescribeVpcs", () -> ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0));
    return VpcFacts.unread(qualifiedVpcId, dhcpDomains(vpc.dhcpOptionsId()));
  }

  /** The VPC's {@code enableDnsSupport}. */
  public boolean dnsSupport(String qualifiedVpcId) {
    String vpcId = ddns.facts.Workplace.split(qualifiedVpcId).id();
    return attribute(vpcId, VpcAttributeName.ENABLE_DNS_SUPPORT, r -> r.enableDnsSupport().value());
  }

  /** The {@code domain-name} values of the option set, split on spaces (one may hold several). */
  private List<String> dhcpDomains(String dhcpOptionsId) {
    if (dhcpOptionsId == null || dhcpOptionsId.equals("default")) {
      return List.of();
    }
    List<String> domains = new ArrayList<>();
    AwsCall.run(
            "EC2.DescribeDhcpOptions",
            () -> ec2.describeDhcpOptions(r -> r.dhcpOptionsIds(dhcpOptionsId)))
        .dhcpOptions()
        .forEach(
            options -> {
              for (DhcpConfiguration configuration : options.dhcpConfigurations()) {
                if (configuration.key().equals("domain-name")) {
                  configuration
                      .values()
                      .forEach(v -> domains.addAll(List.of(v.value().strip().split("\\s+"))));
                }
              }
            });
    domains.removeIf(String::isBlank);
    return domains;
  }

  private boolean attribute(
      String vpcId, VpcAttributeName name, Function<DescribeVpcAttributeResponse, Boolean> value) {
    return AwsCall.run(
        "EC2.DescribeVpcAttribute",
        () -> value.apply(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(name))));
  }

  private InstanceFacts facts(Instance instance, InstanceState state) {
    Map<String, String> tags = new HashMap<>();
    for (Tag tag : instance.tags()) {
      tags.put(tag.key(), tag.value());
    }
    List<String> ipv6 = new ArrayList<>();
    List<String> ipv4 = new ArrayList<>();
    List<InstanceNetworkInterface> interfaces = new ArrayList<>(instance.networkInterfaces());
    interfaces.sort(
        Comparator.comparing(
            (InstanceNetworkInterface eni) ->
                eni.attachment() == null || eni.attachment().deviceIndex() == null
                    ? Integer.MAX_VALUE
                    : eni.attachment().deviceIndex()));
    for (InstanceNetworkInterface eni : interfaces) {
      // The primary IPv6 address (IsPrimaryIpv6, when the interface has one) comes first: the
      // planner treats the first IPv6 address as the instance's own.
      eni.ipv6Addresses().stream()
          .sorted(Comparator.comparing(a -> Boolean.TRUE.equals(a.isPrimaryIpv6()) ? 0 : 1))
          .forEach(a -> ipv6.add(a.ipv6Address()));
      eni.privateIpAddresses().forEach(a -> ipv4.add(a.privateIpAddress()));
    }
    Instant launched = instance.launchTime() != null ? instance.launchTime() : Instant.EPOCH;
    return InstanceFacts.builder(
            InstanceId.of(qualify.apply(instance.instanceId())), state, launched)
        .vpcId(instance.vpcId() == null ? null : qualify.apply(instance.vpcId()))
        .privateIp(instance.privateIpAddress())
        .privateDnsName(instance.privateDnsName())
        .publicIp(instance.publicIpAddress())
        .publicDnsName(instance.publicDnsName())
        .ipv6Addresses(ipv6)
        .secondaryIpv4Addresses(ipv4)
        .availabilityZone(
            instance.placement() == null ? null : instance.placement().availabilityZone())
        .tags(tags)
        .build();
  }
}
