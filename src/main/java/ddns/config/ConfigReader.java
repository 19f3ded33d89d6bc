package ddns.config;

import ddns.dns.DnsName;
import ddns.dns.InvalidNameException;
import ddns.event.HookSelector;
import ddns.log.JsonLog;
import ddns.plan.AccountBoundary;
import ddns.plan.ChangePolicy;
import ddns.plan.HostnamePattern;
import ddns.plan.PlanningRules;
import ddns.plan.ZoneTypes;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads an environment into a {@link Config}, once: a variable unset or blank takes its default
 * from {@link Settings}; a bad value is a {@link ConfigException} naming the variable.
 */
final class ConfigReader {
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
  private static final Pattern TOPIC_ARN =
      Pattern.compile("arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

  private static final Pattern QUEUE_URL =
      Pattern.compile("https?://[^/\\s]+/[0-9]{12}/[A-Za-z0-9_-]{1,80}(\\.fifo)?");

  private final Map<String, String> env;

  private ConfigReader(Map<String, String> env) {
    this.env = env;
  }

  static Config read(Map<String, String> env) {
    return new ConfigReader(env).config();
  }

  /** In the order the variables were always read, so that the first bad one is the one named. */
  private Config config() {
    PlanningRules rules = rules();
    return new Config(
        tableName("DDNS_TABLE"),
        topicArn("DDNS_ALERT_TOPIC_ARN"),
        rules,
        flag("DDNS_CREATE_TABLE"),
        flag("DDNS_DRY_RUN"),
        cacheTtl(),
        level("DDNS_LOG_LEVEL"),
        text("DDNS_SERVICE_NAME"),
        Duration.ofSeconds(number("DDNS_LAUNCH_GRACE_SECONDS", 0, 86_400)),
        rate("DDNS_ROUTE53_RPS"),
        flag("DDNS_DELETE_EMPTY_REVERSE_ZONES"),
        parsed("DDNS_POLICY", ChangePolicy::parse),
        reach(),
        parsed("DDNS_LIFECYCLE_HOOK", HookSelector::new),
        queueUrl("DDNS_QUEUE_URL"));
  }

  private PlanningRules rules() {
    PlanningRules rules =
        PlanningRules.builder()
            .ttl(number("DDNS_TTL", 0, 2_147_483_647L))
            .zoneTagKey(tagKey("DDNS_ZONE_TAG"))
            .cnameTagKey(tagKey("DDNS_CNAME_TAG"))
            .allowedZones(zones("DDNS_ALLOWED_ZONES"))
            .createReverseZones(flag("DDNS_CREATE_REVERSE_ZONES"))
            .associateVpc(flag("DDNS_ASSOCIATE_VPC"))
            .associateZones(zoneRefs("DDNS_ASSOCIATE_ZONES"))
            .hostnameTagKey(tagKey("DDNS_HOSTNAME_TAG"))
            .poolTagKey(tagKey("DDNS_POOL_TAG"))
            .hostnamePattern(pattern("DDNS_HOSTNAME_PATTERN"))
            .allAddresses(flag("DDNS_ALL_ADDRESSES"))
            .zoneTypes(parsed("DDNS_ZONE_TYPES", ZoneTypes::parse))
            .allowedZoneIds(zoneIds("DDNS_ALLOWED_ZONE_IDS"))
            .build();
    distinctTagKeys(
        Map.of(
            "DDNS_ZONE_TAG", rules.zoneTagKey(),
            "DDNS_CNAME_TAG", rules.cnameTagKey(),
            "DDNS_HOSTNAME_TAG", rules.hostnameTagKey(),
            "DDNS_POOL_TAG", rules.poolTagKey()));
    return rules;
  }

  /** One tag key cannot mean two things: a zone and an alias, a host name and a pool. */
  private static void distinctTagKeys(Map<String, String> keys) {
    Map<String, String> seen = new TreeMap<>();
    keys.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              String other = seen.put(e.getValue().toLowerCase(Locale.ROOT), e.getKey());
              if (other != null) {
                throw new ConfigException(
                    other
                        + " and "
                        + e.getKey()
                        + " are both '"
                        + e.getValue()
                        + "': one tag key cannot mean two things");
              }
            });
  }

  private String text(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Settings.fallback(name) : value.strip();
  }

  private boolean flag(String name) {
    String value = text(name).toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(name + " must be true or false, was '" + value + "'");
    };
  }

  /**
   * {@code DDNS_CACHE_TTL}, in seconds; {@code DDNS_CACHE_SECONDS}, its older name, is read when
   * only that one is set.
   */
  private Duration cacheTtl() {
    boolean older = !env.containsKey("DDNS_CACHE_TTL") && env.containsKey("DDNS_CACHE_SECONDS");
    return Duration.ofSeconds(number(older ? "DDNS_CACHE_SECONDS" : "DDNS_CACHE_TTL", 0, 86_400));
  }

  private long number(String name, long min, long max) {
    String value = text(name);
    try {
      long n = Long.parseLong(value);
      if (n < min || n > max) {
        throw new ConfigException(name + " must be between " + min + " and " + max + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, was '" + value + "'");
    }
  }

  /** DynamoDB's rule: 3 to 255 letters, digits, '_', '-' and '.'. */
  private String tableName(String name) {
    String value = text(name);
    if (!TABLE_NAME.matcher(value).matches()) {
      throw new ConfigException(
          name
              + " must be a DynamoDB table name (3 to 255 letters, digits, '_', '-', '.'), was '"
              + value
              + "'");
    }
    return value;
  }

  /** An SQS queue URL ({@code https://sqs.REGION.amazonaws.com/ACCOUNT/NAME}); empty: none. */
  private Optional<String> queueUrl(String name) {
    String value = text(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!QUEUE_URL.matcher(value).matches()) {
      throw new ConfigException(
          name
              + " is not an SQS queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME), was '"
              + value
              + "'");
    }
    return Optional.of(value);
  }

  /** An SNS topic ARN; the documented placeholder of the default means the default. */
  private Optional<String> topicArn(String name) {
    String value = text(name);
    if (value.equals(Settings.fallback(name))) {
      return Optional.empty();
    }
    if (!TOPIC_ARN.matcher(value).matches()) {
      throw new ConfigException(
          name + " is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), was '" + value + "'");
    }
    return Optional.of(value);
  }

  /**
   * DDNS_ACCOUNTS, DDNS_REGIONS, DDNS_MEMBER_ROLE_NAME, DDNS_MEMBER_EXTERNAL_ID, and where each
   * account's names end: DDNS_SHARED_ACROSS_ACCOUNTS and DDNS_ACCOUNT_ZONES.
   */
  private Reach reach() {
    try {
      return Reach.of(
              list("DDNS_ACCOUNTS"),
              list("DDNS_REGIONS"),
              text("DDNS_MEMBER_ROLE_NAME"),
              text("DDNS_MEMBER_EXTERNAL_ID"))
          .bounded(
              new AccountBoundary(
                  zones("DDNS_SHARED_ACROSS_ACCOUNTS"),
                  Reach.accountZones(text("DDNS_ACCOUNT_ZONES"))));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** A positive number, fractions allowed ({@code 0.5}: one request every two seconds). */
  private double rate(String name) {
    String value = text(name);
    try {
      double rate = Double.parseDouble(value);
      if (!(rate > 0 && rate <= 1000)) {
        throw new ConfigException(name + " must be above 0 and at most 1000, was " + value);
      }
      return rate;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a number, was '" + value + "'");
    }
  }

  private JsonLog.Level level(String name) {
    try {
      return JsonLog.Level.parse(text(name));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + " " + e.getMessage());
    }
  }

  /** A value one of the tool's types parses; its complaint names the variable. */
  private <T> T parsed(String name, Function<String, T> parse) {
    try {
      return parse.apply(text(name));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + " " + e.getMessage());
    }
  }

  /**
   * Hosted zone ids (Route 53's are {@code Z…}: capitals and digits; a {@code /hostedzone/} prefix
   * allowed), comma or space separated.
   */
  private Set<String> zoneIds(String name) {
    Set<String> ids = new LinkedHashSet<>();
    for (String part : list(name)) {
      String id = part.replaceFirst("^/?hostedzone/", "");
      if (!id.matches("[A-Z0-9]{1,32}")) {
        throw new ConfigException(
            name
                + " must list hosted zone ids (Z…), comma or space separated; '"
                + part
                + "' is none");
      }
      ids.add(id);
    }
    return ids;
  }

  private Optional<HostnamePattern> pattern(String name) {
    String value = text(name);
    if (value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(HostnamePattern.parse(value));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + " '" + value + "' " + e.getMessage());
    }
  }

  private String tagKey(String name) {
    String value = text(name);
    if (value.length() > 128) {
      throw new ConfigException(name + " is longer than 128 characters, the EC2 tag key limit");
    }
    return value;
  }

  /** Zone names (normalised) or hosted zone ids (Z…), comma or space separated. */
  private Set<String> zoneRefs(String name) {
    Set<String> refs = new LinkedHashSet<>();
    for (String part : list(name)) {
      refs.add(part.matches("Z[A-Z0-9]{1,31}") ? part : dnsName(name, part).value());
    }
    return refs;
  }

  private Set<DnsName> zones(String name) {
    Set<DnsName> zones = new LinkedHashSet<>();
    for (String part : list(name)) {
      zones.add(dnsName(name, part));
    }
    return zones;
  }

  /** The comma- or space-separated entries of a list setting. */
  private List<String> list(String name) {
    return Arrays.stream(text(name).split("[,\\s]+")).filter(part -> !part.isBlank()).toList();
  }

  private static DnsName dnsName(String name, String part) {
    try {
      return DnsName.parse(part);
    } catch (InvalidNameException e) {
      throw new ConfigException(name + ": " + e.getMessage());
    }
  }
}
