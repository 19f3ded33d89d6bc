package ddns.facts;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What EC2 says about one instance now. Optional parts (VPC, addresses, DNS names) are absent when
 * EC2 reports none; blank values count as absent. Built with {@link #builder}, so that no two of
 * its many text fields can be swapped by position.
 */
public final class InstanceFacts {
  private final InstanceId instanceId;
  private final InstanceState state;
  private final Instant launchTime;
  private final Optional<String> vpcId;
  private final Optional<String> privateIp;
  private final Optional<String> privateDnsName;
  private final Optional<String> publicIp;
  private final Optional<String> publicDnsName;
  private final List<String> ipv6Addresses;
  private final List<String> secondaryIpv4;
  private final Optional<String> availabilityZone;
  private final Map<String, String> tags;
  private final Optional<Integer> groupNumber;

  private InstanceFacts(Builder b) {
    this.instanceId = b.instanceId;
    this.state = b.state;
    this.launchTime = b.launchTime;
    this.vpcId = present(b.vpcId);
    this.privateIp = present(b.privateIp);
    this.privateDnsName = present(b.privateDnsName);
    this.publicIp = present(b.publicIp);
    this.publicDnsName = present(b.publicDnsName);
    this.ipv6Addresses = List.copyOf(b.ipv6Addresses);
    this.secondaryIpv4 =
        b.secondaryIpv4.stream()
            .filter(ip -> ip != null && !ip.isBlank() && !privateIp.map(ip::equals).orElse(false))
            .distinct()
            .toList();
    this.availabilityZone = present(b.availabilityZone);
    this.tags = Collections.unmodifiableMap(new TreeMap<>(b.tags));
    this.groupNumber = Optional.ofNullable(b.groupNumber);
  }

  /** The same instance with these tags instead of its own (its group's added, say). */
  public InstanceFacts withTags(Map<String, String> newTags) {
    return withTagsIn(state, newTags);
  }

  /** The same instance in another state (a launch held for its records, planned as running). */
  public InstanceFacts withState(InstanceState newState) {
    return withTagsIn(newState, tags);
  }

  private InstanceFacts withTagsIn(InstanceState newState, Map<String, String> newTags) {
    return builder(instanceId, newState, launchTime)
        .vpcId(vpcId.orElse(null))
        .privateIp(privateIp.orElse(null))
        .privateDnsName(privateDnsName.orElse(null))
        .publicIp(publicIp.orElse(null))
        .publicDnsName(publicDnsName.orElse(null))
        .ipv6Addresses(ipv6Addresses)
        .secondaryIpv4Addresses(secondaryIpv4)
        .availabilityZone(availabilityZone.orElse(null))
        .tags(newTags)
        .groupNumber(groupNumber.orElse(null))
        .build();
  }

  /** The same instance holding this number in its Auto Scaling group. */
  public InstanceFacts withGroupNumber(int number) {
    return builder(instanceId, state, launchTime)
        .vpcId(vpcId.orElse(null))
        .privateIp(privateIp.orElse(null))
        .privateDnsName(privateDnsName.orElse(null))
        .publicIp(publicIp.orElse(null))
        .publicDnsName(publicDnsName.orElse(null))
        .ipv6Addresses(ipv6Addresses)
        .secondaryIpv4Addresses(secondaryIpv4)
        .availabilityZone(availabilityZone.orElse(null))
        .tags(tags)
        .groupNumber(number)
        .build();
  }

  /**
   * The lowest number free in its Auto Scaling group when it first registered, kept while it is in
   * the group (the {@code {index}} placeholder); absent when not asked for.
   */
  public Optional<Integer> groupNumber() {
    return groupNumber;
  }

  /** The three facts every instance has; the rest are set on the builder. */
  public static Builder builder(InstanceId instanceId, InstanceState state, Instant launchTime) {
    return new Builder(instanceId, state, launchTime);
  }

  private static Optional<String> present(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }

  public InstanceId instanceId() {
    return instanceId;
  }

  public InstanceState state() {
    return state;
  }

  public Instant launchTime() {
    return launchTime;
  }

  public Optional<String> vpc() {
    return vpcId;
  }

  public Optional<String> privateIpv4() {
    return privateIp;
  }

  public Optional<String> privateDns() {
    return privateDnsName;
  }

  public Optional<String> publicIpv4() {
    return publicIp;
  }

  public Optional<String> publicDns() {
    return publicDnsName;
  }

  public List<String> ipv6Addresses() {
    return ipv6Addresses;
  }

  /**
   * The private IPv4 addresses besides the primary one: secondary addresses of every network
   * interface, and the addresses of secondary interfaces, in EC2's order.
   */
  public List<String> secondaryIpv4Addresses() {
    return secondaryIpv4;
  }

  public Optional<String> availabilityZone() {
    return availabilityZone;
  }

  public Map<String, String> tags() {
    return tags;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InstanceFacts f
        && instanceId.equals(f.instanceId)
        && state == f.state
        && launchTime.equals(f.launchTime)
        && vpcId.equals(f.vpcId)
        && privateIp.equals(f.privateIp)
        && privateDnsName.equals(f.privateDnsName)
        && publicIp.equals(f.publicIp)
        && publicDnsName.equals(f.publicDnsName)
        && ipv6Addresses.equals(f.ipv6Addresses)
        && secondaryIpv4.equals(f.secondaryIpv4)
        && availabilityZone.equals(f.availabilityZone)
        && tags.equals(f.tags)
        && groupNumber.equals(f.groupNumber);
  }

  @Override
  public int hashCode() {
    return Objects.hash(instanceId, state, launchTime, vpcId, privateIp, publicIp, tags);
  }

  @Override
  public String toString() {
    return "InstanceFacts[" + instanceId + " " + state.ec2Name() + "]";
  }

  /** Collects the optional facts; every setter takes null or blank for "none". */
  public static final class Builder {
    private final InstanceId instanceId;
    private final InstanceState state;
    private final Instant launchTime;
    private String vpcId;
    private String privateIp;
    private String privateDnsName;
    private String publicIp;
    private String publicDnsName;
    private List<String> ipv6Addresses = List.of();
    private List<String> secondaryIpv4 = List.of();
    private String availabilityZone;
    private Map<String, String> tags = Map.of();
    private Integer groupNumber;

    private Builder(InstanceId instanceId, InstanceState state, Instant launchTime) {
      this.instanceId = Objects.requireNonNull(instanceId, "instanceId == null");
      this.state = Objects.requireNonNull(state, "state == null");
      this.launchTime = Objects.requireNonNull(launchTime, "launchTime == null");
    }

    public Builder vpcId(String vpcId) {
      this.vpcId = vpcId;
      return this;
    }

    public Builder privateIp(String privateIp) {
      this.privateIp = privateIp;
      return this;
    }

    public Builder privateDnsName(String privateDnsName) {
      this.privateDnsName = privateDnsName;
      return this;
    }

    public Builder publicIp(String publicIp) {
      this.publicIp = publicIp;
      return this;
    }

    public Builder publicDnsName(String publicDnsName) {
      this.publicDnsName = publicDnsName;
      return this;
    }

    public Builder ipv6Addresses(List<String> addresses) {
      this.ipv6Addresses = addresses == null ? List.of() : List.copyOf(addresses);
      return this;
    }

    public Builder secondaryIpv4Addresses(List<String> addresses) {
      this.secondaryIpv4 = addresses == null ? List.of() : List.copyOf(addresses);
      return this;
    }

    public Builder availabilityZone(String availabilityZone) {
      this.availabilityZone = availabilityZone;
      return this;
    }

    public Builder tags(Map<String, String> tags) {
      this.tags = tags == null ? Map.of() : Map.copyOf(tags);
      return this;
    }

    public Builder groupNumber(Integer number) {
      this.groupNumber = number;
      return this;
    }

    public InstanceFacts build() {
      return new InstanceFacts(this);
    }
  }
}
