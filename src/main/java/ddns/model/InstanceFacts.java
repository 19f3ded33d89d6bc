package ddns.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What EC2 says about one instance now. Optional parts (public address, DNS names) are absent when
 * EC2 reports none.
 */
public record InstanceFacts(
    String instanceId,
    InstanceState state,
    Instant launchTime,
    String vpcId,
    String privateIp,
    String privateDnsName,
    String publicIp,
    String publicDnsName,
    List<String> ipv6Addresses,
    Map<String, String> tags) {

  public InstanceFacts {
    Objects.requireNonNull(instanceId, "instanceId == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(launchTime, "launchTime == null");
    privateIp = blankToNull(privateIp);
    privateDnsName = blankToNull(privateDnsName);
    publicIp = blankToNull(publicIp);
    publicDnsName = blankToNull(publicDnsName);
    vpcId = blankToNull(vpcId);
    ipv6Addresses = ipv6Addresses == null ? List.of() : List.copyOf(ipv6Addresses);
    tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  public Optional<String> privateIpv4() {
    return Optional.ofNullable(privateIp);
  }

  public Optional<String> publicIpv4() {
    return Optional.ofNullable(publicIp);
  }

  public Optional<String> privateDns() {
    return Optional.ofNullable(privateDnsName);
  }

  public Optional<String> publicDns() {
    return Optional.ofNullable(publicDnsName);
  }

  public Optional<String> vpc() {
    return Optional.ofNullable(vpcId);
  }
}
