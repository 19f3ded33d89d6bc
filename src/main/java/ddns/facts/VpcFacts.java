package ddns.facts;

import java.util.List;
import java.util.Objects;

/**
 * A VPC's DNS support and the domain names of its DHCP option set. Whether it gives instances DNS
 * host names is not read (one call fewer per VPC): an instance shows it, with a public address but
 * no public DNS name.
 */
public record VpcFacts(String vpcId, boolean dnsSupport, List<String> dhcpDomainNames) {

  public VpcFacts {
    Objects.requireNonNull(vpcId, "vpcId == null");
    dhcpDomainNames = dhcpDomainNames == null ? List.of() : List.copyOf(dhcpDomainNames);
  }
}
