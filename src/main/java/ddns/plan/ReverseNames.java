package ddns.plan;

import ddns.dns.DnsName;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.xbill.DNS.Address;
import org.xbill.DNS.ReverseMap;

/** Reverse-lookup names, computed by dnsjava from address literals (never a DNS query). */
final class ReverseNames {
  private ReverseNames() {}

  /** {@code 10.0.1.23 -> 23.1.0.10.in-addr.arpa.}; IPv6 gives the nibble {@code ip6.arpa} name. */
  static Optional<DnsName> of(String address) {
    return literal(address).map(a -> DnsName.parse(ReverseMap.fromAddress(a).toString()));
  }

  /** The /24 reverse zone an IPv4 address belongs to: {@code 1.0.10.in-addr.arpa.}. */
  static Optional<DnsName> ipv4Zone(String address) {
    if (Address.toByteArray(address, Address.IPv4) == null) {
      return Optional.empty();
    }
    return of(address)
        .map(name -> DnsName.parse(name.value().substring(name.value().indexOf('.') + 1)));
  }

  static boolean isIpv4(String value) {
    return Address.toByteArray(value, Address.IPv4) != null;
  }

  static boolean isIpv6(String value) {
    return Address.toByteArray(value, Address.IPv6) != null;
  }

  private static Optional<InetAddress> literal(String address) {
    if (address == null) {
      return Optional.empty();
    }
    int family = isIpv4(address) ? Address.IPv4 : isIpv6(address) ? Address.IPv6 : 0;
    if (family == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(Address.toByteArray(address, family)));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
