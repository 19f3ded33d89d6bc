package ddns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ddns.dns.DnsName;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {

  @Test
  void defaults_matchTheDesign() {
    Config config = Config.fromEnvironment(Map.of());

    assertThat(config.tableName()).isEqualTo("DDNS");
    assertThat(config.rules().ttl()).isEqualTo(60);
    assertThat(config.rules().zoneTagKey()).isEqualTo("ZONE");
    assertThat(config.rules().cnameTagKey()).isEqualTo("CNAME");
    assertThat(config.rules().allowedZones()).isEmpty();
    assertThat(config.rules().createReverseZones()).isTrue();
    assertThat(config.rules().associateVpc()).isTrue();
    assertThat(config.createTable()).isTrue();
    assertThat(config.dryRun()).isFalse();
    assertThat(config.cacheTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.alertTopicArn())
        .as("the default is the tool's own DDNSAlerts, never one an event names")
        .isEmpty();
  }

  @Test
  void readsEverySetting() {
    Config config =
        Config.fromEnvironment(
            Map.ofEntries(
                Map.entry("DDNS_TABLE", "dns-registry"),
                Map.entry("DDNS_ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:111122223333:ops"),
                Map.entry("DDNS_TTL", "300"),
                Map.entry("DDNS_ZONE_TAG", "dns:zone"),
                Map.entry("DDNS_CNAME_TAG", "dns:alias"),
                Map.entry("DDNS_ALLOWED_ZONES", "corp.internal, Example.COM."),
                Map.entry("DDNS_CREATE_REVERSE_ZONES", "false"),
                Map.entry("DDNS_ASSOCIATE_VPC", "no"),
                Map.entry("DDNS_CREATE_TABLE", "0"),
                Map.entry("DDNS_DRY_RUN", "true"),
                Map.entry("DDNS_CACHE_TTL", "5")));

    assertThat(config.tableName()).isEqualTo("dns-registry");
    assertThat(config.alertTopicArn()).hasValue("arn:aws:sns:us-east-1:111122223333:ops");
    assertThat(config.rules().ttl()).isEqualTo(300);
    assertThat(config.rules().zoneTagKey()).isEqualTo("dns:zone");
    assertThat(config.rules().allowedZones())
        .containsExactlyInAnyOrder(DnsName.parse("corp.internal"), DnsName.parse("example.com"));
    assertThat(config.rules().createReverseZones()).isFalse();
    assertThat(config.rules().associateVpc()).isFalse();
    assertThat(config.createTable()).isFalse();
    assertThat(config.dryRun()).isTrue();
    assertThat(config.cacheTtl()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void cacheTtl_isReadUnderItsOlderNameWhenOnlyThatIsSet_andTheNewNameWins() {
    assertThat(Config.fromEnvironment(Map.of("DDNS_CACHE_SECONDS", "7")).cacheTtl())
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(
            Config.fromEnvironment(Map.of("DDNS_CACHE_SECONDS", "7", "DDNS_CACHE_TTL", "9"))
                .cacheTtl())
        .isEqualTo(Duration.ofSeconds(9));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "DDNS_TTL           | sixty     | DDNS_TTL must be a whole number",
        "DDNS_TTL           | -1        | DDNS_TTL must be between",
        "DDNS_DRY_RUN       | maybe     | DDNS_DRY_RUN must be true or false",
        "DDNS_ALLOWED_ZONES | *.corp    | DDNS_ALLOWED_ZONES",
        "DDNS_CACHE_TTL     | 999999    | DDNS_CACHE_TTL must be between",
        "DDNS_CACHE_SECONDS | 999999    | DDNS_CACHE_SECONDS must be between",
        "DDNS_TABLE         | my table  | DDNS_TABLE",
        "DDNS_TABLE         | ab        | DDNS_TABLE",
        "DDNS_ALERT_TOPIC_ARN | arn:aws:sns:{region}:123456789012:x | DDNS_ALERT_TOPIC_ARN",
        "DDNS_ALERT_TOPIC_ARN | DDNSAlerts | DDNS_ALERT_TOPIC_ARN is not an SNS topic ARN",
        "DDNS_LOG_LEVEL     | LOUD      | DDNS_LOG_LEVEL must be DEBUG, INFO, WARN or ERROR",
        "DDNS_ROUTE53_RPS   | 0         | DDNS_ROUTE53_RPS must be above 0",
        "DDNS_ROUTE53_RPS   | fast      | DDNS_ROUTE53_RPS must be a number",
        "DDNS_HOSTNAME_PATTERN | {name}  | DDNS_HOSTNAME_PATTERN '{name}' has the unknown placeholder {name}",
        "DDNS_HOSTNAME_PATTERN | web     | DDNS_HOSTNAME_PATTERN 'web' has no placeholder",
        "DDNS_HOSTNAME_PATTERN | {tag:Name | DDNS_HOSTNAME_PATTERN '{tag:Name' has a brace",
        "DDNS_HOSTNAME_PATTERN | {tag:Name}_x | DDNS_HOSTNAME_PATTERN '{tag:Name}_x' has '_x' outside placeholders",
        "DDNS_ALL_ADDRESSES | some      | DDNS_ALL_ADDRESSES must be true or false",
        "DDNS_POLICY        | delete    | DDNS_POLICY must be sync, upsert-only or create-only, was 'delete'",
        "DDNS_ZONE_TYPES    | internal  | DDNS_ZONE_TYPES must be private, public or both",
        "DDNS_ALLOWED_ZONE_IDS | corp.internal | DDNS_ALLOWED_ZONE_IDS must list hosted zone ids",
        "DDNS_SHARED_ACROSS_ACCOUNTS | *.corp.internal | DDNS_SHARED_ACROSS_ACCOUNTS",
        "DDNS_ACCOUNT_ZONES | dev.internal | DDNS_ACCOUNT_ZONES entries are ACCOUNT=zone",
        "DDNS_ACCOUNT_ZONES | 12=dev.internal | DDNS_ACCOUNT_ZONES entries are ACCOUNT=zone",
        "DDNS_ACCOUNT_ZONES | 222222222222=*.dev | DDNS_ACCOUNT_ZONES: ",
      })
  void refusesBadValues_namingTheVariable(String name, String value, String message) {
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of(name, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void accountBoundary_readsSharedNamesAndEachAccountsZones() {
    var boundary =
        Config.fromEnvironment(
                Map.of(
                    "DDNS_SHARED_ACROSS_ACCOUNTS", "api.corp.internal, shared.internal",
                    "DDNS_ACCOUNT_ZONES",
                        "222222222222=dev.internal,1.0.10.in-addr.arpa; 333333333333=qa.internal"))
            .reach()
            .boundary();

    assertThat(boundary.shared())
        .extracting(n -> n.value())
        .containsExactlyInAnyOrder("api.corp.internal.", "shared.internal.");
    assertThat(boundary.accountZones()).containsOnlyKeys("222222222222", "333333333333");
    assertThat(boundary.accountZones().get("222222222222"))
        .extracting(n -> n.value())
        .containsExactly("dev.internal.", "1.0.10.in-addr.arpa.");
  }

  @Test
  void associateZones_takesZoneNamesAndIds_andRefusesAnythingElse() {
    assertThat(
            Config.fromEnvironment(Map.of("DDNS_ASSOCIATE_ZONES", "Example.COM, Z0123ABC"))
                .rules()
                .associateZones())
        .containsExactlyInAnyOrder("example.com.", "Z0123ABC");
    assertThatThrownBy(
            () -> Config.fromEnvironment(Map.of("DDNS_ASSOCIATE_ZONES", "*.example.com")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DDNS_ASSOCIATE_ZONES");
  }

  @Test
  void refusesOneTagKeyForAHostNameAndAPool() {
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("DDNS_POOL_TAG", "hostname")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "DDNS_HOSTNAME_TAG and DDNS_POOL_TAG are both 'hostname': one tag key cannot mean two"
                + " things");
  }

  @Test
  void readsTheNamingSettings() {
    Config config =
        Config.fromEnvironment(
            Map.of(
                "DDNS_HOSTNAME_TAG", "DnsName",
                "DDNS_POOL_TAG", "Service",
                "DDNS_HOSTNAME_PATTERN", "{tag:Name}-{instance-id}",
                "DDNS_ALL_ADDRESSES", "true"));

    assertThat(config.rules().hostnameTagKey()).isEqualTo("DnsName");
    assertThat(config.rules().poolTagKey()).isEqualTo("Service");
    assertThat(config.rules().hostnamePattern())
        .map(Object::toString)
        .contains("{tag:Name}-{instance-id}");
    assertThat(config.rules().allAddresses()).isTrue();
    assertThat(Config.fromEnvironment(Map.of()).rules().hostnamePattern()).isEmpty();
  }

  @Test
  void refusesOneTagKeyForTwoMeanings() {
    assertThatThrownBy(
            () -> Config.fromEnvironment(Map.of("DDNS_ZONE_TAG", "dns", "DDNS_CNAME_TAG", "DNS")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DDNS_ZONE_TAG")
        .hasMessageContaining("DDNS_CNAME_TAG");
  }

  @Test
  void acceptsARealTopicArn_andTheDocumentedPlaceholderAsTheDefault() {
    assertThat(
            Config.fromEnvironment(
                    Map.of("DDNS_ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:ops-dns"))
                .alertTopicArn())
        .contains("arn:aws:sns:eu-west-1:123456789012:ops-dns");
    assertThat(
            Config.fromEnvironment(
                    Map.of("DDNS_ALERT_TOPIC_ARN", "arn:aws:sns:{region}:{account}:DDNSAlerts"))
                .alertTopicArn())
        .isEmpty();
  }
}
