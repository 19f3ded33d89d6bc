package ddns.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsNameTest {

  @Nested
  class Parse {
    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "web.corp.internal         | web.corp.internal.",
          "web.corp.internal.        | web.corp.internal.",
          "'  Web.Corp.Internal.  '  | web.corp.internal.",
          "WEB.CORP.INTERNAL         | web.corp.internal.",
          "a-b.c0                    | a-b.c0.",
          "xn--caf-dma.example       | xn--caf-dma.example.",
        })
    void normalisesToLowerCaseWithTrailingDot(String raw, String expected) {
      assertThat(DnsName.parse(raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "''                     | empty",
          "'   '                  | empty",
          ".                      | empty",
          "web..corp.internal     | empty label",
          ".web.corp.internal     | empty label",
          "*.corp.internal        | wildcard",
          "web_1.corp.internal    | character '_'",
          "web corp.internal      | character ' '",
          "-web.corp.internal     | hyphen",
          "web-.corp.internal     | hyphen",
          "café.example           | not ASCII",
          "web.corp.internal/x    | character '/'",
        })
    void refusesWhatRoute53OrThisToolWouldNot(String raw, String reason) {
      assertThatThrownBy(() -> DnsName.parse(raw))
          .isInstanceOf(InvalidNameException.class)
          .hasMessageContaining(reason);
    }

    @Test
    void refusesLabelsOver63Characters() {
      assertThat(DnsName.parse("a".repeat(63) + ".example").labels().get(0)).hasSize(63);
      assertThatThrownBy(() -> DnsName.parse("a".repeat(64) + ".example"))
          .hasMessageContaining("63");
    }

    @Test
    void refusesNamesOver253Characters() {
      String label = "a".repeat(61);
      String fits = String.join(".", label, label, label, label.substring(0, 5)) + ".example";
      assertThat(fits.length()).isLessThanOrEqualTo(253);
      assertThat(DnsName.parse(fits).value()).isEqualTo(fits + ".");
      String tooLong = String.join(".", label, label, label, label) + ".example";
      assertThatThrownBy(() -> DnsName.parse(tooLong)).isInstanceOf(InvalidNameException.class);
    }

    @Test
    void refusesNull() {
      assertThatThrownBy(() -> DnsName.parse(null)).hasMessageContaining("missing");
    }
  }

  @Test
  void isWithin_matchesWholeLabelsOnly() {
    DnsName zone = DnsName.parse("zone.internal");
    assertThat(DnsName.parse("a.zone.internal").isStrictlyWithin(zone)).isTrue();
    assertThat(DnsName.parse("zone.internal").isWithin(zone)).isTrue();
    assertThat(DnsName.parse("zone.internal").isStrictlyWithin(zone)).isFalse();
    assertThat(DnsName.parse("evilzone.internal").isWithin(zone)).isFalse();
  }

  @Test
  void constructor_refusesUnnormalisedText() {
    assertThatThrownBy(() -> new DnsName("Web.example."))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DnsName("web.example"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
