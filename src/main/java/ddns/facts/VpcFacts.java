package ddns.facts;

import java.util.List;
import java.util.Objects;

/**
 * A VPC's DNS support and the domain names of its DHCP option set. Whether it gives instances DNS
 * host names is not read (one call fewer per VPC): an instance shows it, with a public address but
 * no public DNS name. DNS support is read only where a private zone would get records, the only
 * records it changes (docs/behaviour.md, "Records"); until then it is {@link DnsSupport#NOT_READ}.
 */
public record VpcFacts(String vpcId, DnsSupport support, List<String> dhcpDomainNames) {

  /** The VPC's {@code enableDnsSupport}, or that it was not read. */
  public enum DnsSupport {
    ON,
    OFF,
    NOT_READ
  }

  public VpcFacts {
    Objects.requireNonNull(vpcId, "vpcId == null");
    Objects.requireNonNull(support, "support == null");
    dhcpDomainNames = dhcpDomainNames == null ? List.of() : List.copyOf(dhcpDomainNames);
  }

  /** A VPC whose DNS support was read. */
  public VpcFacts(String vpcId, boolean dnsSupport, List<String> dhcpDomainNames) {
    this(vpcId, dnsSupport ? DnsSupport.ON : DnsSupport.OFF, dhcpDomainNames);
  }

  /** A VPC whose DNS support is not read (yet). */
  public static VpcFacts unread(String vpcId, List<String> dhcpDomainNames) {
    return new VpcFacts(vpcId, DnsSupport.NOT_READ, dhcpDomainNames);
  }

  /**
   * Whether private zones answer in the VPC. Not read, it is taken as on: it is read wherever a
   * private zone would get records, and it changes no other record.
   */
  public boolean dnsSupport() {
    return support != DnsSupport.OFF;
  }

  /** The same VPC with its DNS support as read. */
  public VpcFacts withDnsSupport(boolean on) {
    return new VpcFacts(vpcId, on, dhcpDomainNames);
  }
}
