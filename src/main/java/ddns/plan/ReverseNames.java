package ddns.plan;

import ddns.dns.DnsName;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;

/** Reverse-lookup names, computed by dnsjava from address literals (never a DNS query). */
final class ReverseNames {
  /** Labels of an IPv4 reverse name below its /24 zone: the last octet. */
  private static final int IPV4_HOST_LABELS = 1;

  /** Labels of an IPv6 reverse name below its /64 zone: the 16 nibbles of the interface id. */
  private static final int IPV6_HOST_LABELS = 16;

  private ReverseNames() {}

  /** {@code 10.0.1.23 -> 23.1.0.10.in-addr.arpa.}; IPv6 gives the nibble {@code ip6.arpa} name. */
  static Optional<DnsName> of(String address) {
    return literal(address).map(a -> DnsName.parse(ReverseMap.fromAddress(a).toString()));
  }

  /**
   * The reverse zone created for an address when none covers it: the /24 of an IPv4 address ({@code
   * 1.0.10.in-addr.arpa.}), the /64 of an IPv6 one, which is its subnet's on AWS ({@code
   * 0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.} for {@code 2001:db8::1}: 16 nibbles).
   */
  static Optional<DnsName> zoneOf(String address) {
    return literal(address)
        .map(
            a -> {
              Name reverse = ReverseMap.fromAddress(a);
              int below = isIpv4(address) ? IPV4_HOST_LABELS : IPV6_HOST_LABELS;
              return DnsName.parse(new Name(reverse, below).toString());
            });
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
