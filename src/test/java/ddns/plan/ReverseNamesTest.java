package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReverseNamesTest {

  @ParameterizedTest
  @CsvSource({
    "10.0.1.23, 23.1.0.10.in-addr.arpa., 1.0.10.in-addr.arpa.",
    "192.168.255.4, 4.255.168.192.in-addr.arpa., 255.168.192.in-addr.arpa.",
  })
  void ipv4_reverseNameAndSlash24Zone(String ip, String reverse, String zone) {
    assertThat(ReverseNames.of(ip))
        .hasValueSatisfying(n -> assertThat(n.value()).isEqualTo(reverse));
    assertThat(ReverseNames.zoneOf(ip))
        .hasValueSatisfying(n -> assertThat(n.value()).isEqualTo(zone));
  }

  @ParameterizedTest
  @CsvSource({
    "2001:db8::1, 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.,"
        + " 0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.",
    "2600:1f18:abcd:ef00::12, 2.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.f.e.d.c.b.a.8.1.f.1.0.0.6.2.ip6.arpa.,"
        + " 0.0.f.e.d.c.b.a.8.1.f.1.0.0.6.2.ip6.arpa.",
  })
  void ipv6_nibbleNameAndSlash64Zone(String ip, String reverse, String zone) {
    assertThat(ReverseNames.of(ip))
        .hasValueSatisfying(n -> assertThat(n.value()).isEqualTo(reverse));
    assertThat(ReverseNames.zoneOf(ip))
        .hasValueSatisfying(n -> assertThat(n.value()).isEqualTo(zone));
  }

  @ParameterizedTest
  @CsvSource({"not-an-ip", "10.0.1", "300.1.1.1", "host.example.com"})
  void nonLiterals_haveNoReverseName_andAreNeverLookedUp(String text) {
    assertThat(ReverseNames.of(text)).isEmpty();
    assertThat(ReverseNames.zoneOf(text)).isEmpty();
  }
}
