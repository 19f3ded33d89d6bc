package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.DnsName;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceState;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/behaviour.md, "Names": what a fleet's pattern makes of awkward tag values. */
class HostnamePatternTest {

  @ParameterizedTest(name = "{0} with Name={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{tag:Name}                | Web Server #1      | web-server-1.",
        "{tag:name}                | Web Server #1      | web-server-1.",
        "{tag:Name}-{instance-id}  | api                | api-i-0abc1234.",
        "{instance-id}             | ignored            | i-0abc1234.",
        "{tag:Name}.{az}           | db                 | db.eu-west-1a.",
        "web-{ip}                  | ignored            | web-10-0-1-23.",
        "{tag:Name}                | Ärger über Öl      | arger-uber-ol.",
        "{tag:Name}                | __x__              | x.",
        "{tag:Name}                | svc.eu             | svc-eu.",
      })
  void rendersAValidHostName(String pattern, String name, String expected) {
    HostnamePattern.Result result = HostnamePattern.parse(pattern).render(instance(name));

    assertThat(result.name()).contains(new DnsName(expected));
  }

  @ParameterizedTest(name = "{0} with Name={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{tag:Name}     | ###      | has an empty label",
        "{tag:Team}     | web      | needs the tag 'Team'",
        "x.{tag:Name}   | 日本      | has an empty label",
      })
  void givesNoNameButSaysWhy(String pattern, String name, String problem) {
    HostnamePattern.Result result = HostnamePattern.parse(pattern).render(instance(name));

    assertThat(result.name()).isEmpty();
    assertThat(result.problem()).contains(problem);
  }

  @Property
  void anyTagValue_givesAValidNameOrAReason(@ForAll String value) {
    HostnamePattern.Result result =
        HostnamePattern.parse("{tag:Name}-{instance-id}").render(instance(value));

    assertThat(result.name().isPresent() ^ !result.problem().isEmpty()).isTrue();
    result
        .name()
        .ifPresent(
            n -> {
              assertThat(n.labels()).allMatch(l -> l.length() <= 63 && l.matches("[a-z0-9-]+"));
              assertThat(n.labels()).allMatch(l -> !l.startsWith("-") && !l.endsWith("-"));
            });
  }

  @Property
  void aLongValue_isCutTo63Characters(@ForAll("long") String value) {
    HostnamePattern.Result result = HostnamePattern.parse("{tag:Name}").render(instance(value));

    assertThat(result.name())
        .hasValueSatisfying(n -> assertThat(n.firstLabel()).hasSizeLessThanOrEqualTo(63));
  }

  @net.jqwik.api.Provide("long")
  net.jqwik.api.Arbitrary<String> longValues() {
    return net.jqwik.api.Arbitraries.strings()
        .withCharRange('a', 'z')
        .ofMinLength(64)
        .ofMaxLength(300);
  }

  private static InstanceFacts instance(String name) {
    return InstanceFacts.builder(
            InstanceId.of("i-0abc1234"),
            InstanceState.RUNNING,
            Instant.parse("2026-11-26T10:00:00Z"))
        .privateIp("10.0.1.23")
        .availabilityZone("eu-west-1a")
        .tags(Map.of("Name", name))
        .build();
  }
}
