package ddns.facts;

import java.util.List;
import java.util.Objects;

/** A VPC's DNS settings and the domain names of its DHCP option set. */
public record VpcFacts(
    String vpcId, boolean dnsSupport, boolean dnsHostnames, List<String> dhcpDomainNames) {

  public VpcFacts {
    Objects.requireNonNull(vpcId, "vpcId == null");
    dhcpDomainNames = dhcpDomainNames == null ? List.of() : List.copyOf(dhcpDomainNames);
  }
}
