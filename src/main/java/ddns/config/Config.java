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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting, read once from the environment (docs/behaviour.md, "Settings"). AWS endpoint,
 * region and credentials are not here: they come from the SDK's standard chain.
 *
 * @param alertTopicArn explicit topic; when absent, the {@code DDNSAlerts} topic of the account and
 *     region the tool runs in
 * @param route53RequestsPerSecond the tool's own pace for Route 53 ({@code DDNS_ROUTE53_RPS}),
 *     after a burst of {@link #ROUTE53_BURST}
 * @param policy what the tool may do to Route 53 ({@code DDNS_POLICY}): sync, upsert-only,
 *     create-only
 * @param deleteEmptyReverseZones delete a reverse zone this tool created once its last record is
 *     gone ({@code DDNS_DELETE_EMPTY_REVERSE_ZONES})
 * @param reach the accounts and regions served besides the tool's own, and how they are reached
 * @param lifecycleHooks which Auto Scaling lifecycle hooks are this tool's ({@code
 *     DDNS_LIFECYCLE_HOOK})
 * @param queueUrl the tool's own SQS queue ({@code DDNS_QUEUE_URL}), where a launch held by a
 *     lifecycle hook is looked at again while Route 53 applies its records; absent: checked at once
 *     (the command line)
 * @param serviceName names this deployment in metrics (their {@code Service} dimension), so that
 *     two stacks in one account keep their figures apart
 */
public record Config(
    String tableName,
    Optional<String> alertTopicArn,
    PlanningRules rules,
    boolean createTable,
    boolean dryRun,
    Duration cacheTtl,
    JsonLog.Level logLevel,
    String serviceName,
    Duration launchGrace,
    double route53RequestsPerSecond,
    boolean deleteEmptyReverseZones,
    ChangePolicy policy,
    Reach reach,
    HookSelector lifecycleHooks,
    Optional<String> queueUrl) {

  /** Route 53 requests the tool may send at once before the rate applies. */
  public static final int ROUTE53_BURST = 5;

  /** One environment variable: its name, its default (empty: none) and what it means. */
  public record Setting(String name, String fallback, String meaning) {}

  /** Every variable, in the order {@code ddns config} and the README list them. */
  public static final List<Setting> SETTINGS =
      List.of(
          new Setting(
              "DDNS_STACK",
              "",
              "command line only (--stack): the deployed stack whose function's DDNS_* settings"
                  + " replace these (empty: none)"),
          new Setting("DDNS_TABLE", "DDNS", "DynamoDB table of the registry"),
          new Setting(
              "DDNS_ALERT_TOPIC_ARN",
              "arn:aws:sns:{region}:{account}:DDNSAlerts",
              "SNS topic for operator alerts; the default is DDNSAlerts in the account and region"
                  + " the tool runs in"),
          new Setting("DDNS_TTL", "60", "TTL of every record written, in seconds"),
          new Setting("DDNS_ZONE_TAG", "ZONE", "tag key naming a hosted zone for the instance"),
          new Setting(
              "DDNS_CNAME_TAG", "CNAME", "tag key naming an alias (CNAME) for the instance"),
          new Setting(
              "DDNS_HOSTNAME_TAG",
              "HOSTNAME",
              "tag key naming the instance's own host name (an A record, and its PTR)"),
          new Setting(
              "DDNS_HOSTNAME_PATTERN",
              "",
              "host name of instances without that tag, e.g. {tag:Name} or {tag:Name}-{instance-id}"
                  + " (placeholders {instance-id}, {tag:KEY}, {az}, {ip}; empty: none)"),
          new Setting(
              "DDNS_POOL_TAG",
              "POOL",
              "tag key naming a pool: one multi-value A record of every running member"),
          new Setting(
              "DDNS_ALL_ADDRESSES",
              "false",
              "give every private IPv4 address of every network interface its ip-… A record and"
                  + " PTR, not only the primary one, and create the reverse zone of every IPv6"
                  + " address, not only the first"),
          new Setting(
              "DDNS_ALLOWED_ZONES",
              "",
              "zones records may go into, comma or space separated (empty: every zone)"),
          new Setting(
              "DDNS_ALLOWED_ZONE_IDS",
              "",
              "hosted zone ids the tool may change, as its role allows (empty: every zone); others"
                  + " are skipped with an alert"),
          new Setting(
              "DDNS_ZONE_TYPES", "both", "kinds of zone written to: private, public or both"),
          new Setting(
              "DDNS_POLICY",
              "sync",
              "sync (create, change, delete), upsert-only (never delete) or create-only"),
          new Setting(
              "DDNS_CREATE_REVERSE_ZONES",
              "true",
              "create a missing private reverse zone (in-addr.arpa /24, ip6.arpa /64) when a PTR"
                  + " needs it"),
          new Setting(
              "DDNS_DELETE_EMPTY_REVERSE_ZONES",
              "false",
              "delete a reverse zone route53-ddns created once its last record is gone"),
          new Setting(
              "DDNS_ASSOCIATE_VPC",
              "true",
              "associate the instance's VPC with a private zone that receives its records"),
          new Setting(
              "DDNS_ASSOCIATE_ZONES",
              "",
              "private zones (names or ids) a VPC may join even where that hides public names"),
          new Setting(
              "DDNS_CREATE_TABLE", "true", "create the registry table if it does not exist"),
          new Setting("DDNS_DRY_RUN", "false", "plan and report, change nothing"),
          new Setting(
              "DDNS_CACHE_SECONDS",
              "60",
              "how long zone lists and VPC settings are kept between invocations"),
          new Setting(
              "DDNS_LAUNCH_GRACE_SECONDS",
              "600",
              "how long after its event a running instance EC2 does not show yet is retried"),
          new Setting(
              "DDNS_ROUTE53_RPS",
              "2",
              "Route 53 requests a second this process sends at most per account (after a burst of"
                  + " 5)"),
          new Setting(
              "DDNS_ACCOUNTS",
              "",
              "other accounts served, comma or space separated, or 'organization' for every"
                  + " active account of the AWS Organization (empty: only the tool's own)"),
          new Setting(
              "DDNS_REGIONS",
              "",
              "other regions served, comma or space separated (empty: only the tool's own)"),
          new Setting(
              "DDNS_MEMBER_ROLE_NAME",
              "route53-ddns-member",
              "the role assumed in another account to read its instances and VPCs"),
          new Setting(
              "DDNS_MEMBER_EXTERNAL_ID",
              "",
              "the external id given when assuming that role (empty: none)"),
          new Setting(
              "DDNS_SHARED_ACROSS_ACCOUNTS",
              "",
              "names and zones whose records instances of several accounts may share (empty: a"
                  + " name one account holds is not taken by another's instance)"),
          new Setting(
              "DDNS_ACCOUNT_ZONES",
              "",
              "per account, the zones its instances may write in: ACCOUNT=zone,zone;ACCOUNT=zone"
                  + " (an account not listed: any zone allowed otherwise)"),
          new Setting(
              "DDNS_LIFECYCLE_HOOK",
              "route53-ddns*",
              "Auto Scaling lifecycle hooks whose actions the tool completes ('*' matches any"
                  + " text; a hook whose metadata holds a 'ddns:' entry is the tool's too)"),
          new Setting(
              "DDNS_QUEUE_URL",
              "",
              "the tool's own SQS queue, where a launch held by a lifecycle hook is looked at again"
                  + " until Route 53 serves its records (empty: checked once, at once)"),
          new Setting("DDNS_LOG_LEVEL", "INFO", "lowest level logged: DEBUG, INFO, WARN or ERROR"),
          new Setting(
              "DDNS_SERVICE_NAME",
              "route53-ddns",
              "the Service dimension of the metrics (the stack name when deployed)"));

  private static final java.util.regex.Pattern TABLE_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{3,255}");
  private static final java.util.regex.Pattern TOPIC_ARN =
      java.util.regex.Pattern.compile(
          "arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

  private static final java.util.regex.Pattern QUEUE_URL =
      java.util.regex.Pattern.compile("https?://[^/\\s]+/[0-9]{12}/[A-Za-z0-9_-]{1,80}(\\.fifo)?");

  private static final Map<String, String> DEFAULTS =
      SETTINGS.stream().collect(Collectors.toUnmodifiableMap(Setting::name, Setting::fallback));

  public static Config fromEnvironment(Map<String, String> env) {
    Reader read = new Reader(env);
    PlanningRules rules =
        PlanningRules.builder()
            .ttl(read.number("DDNS_TTL", 0, 2_147_483_647L))
            .zoneTagKey(read.tagKey("DDNS_ZONE_TAG"))
            .cnameTagKey(read.tagKey("DDNS_CNAME_TAG"))
            .allowedZones(read.zones("DDNS_ALLOWED_ZONES"))
            .createReverseZones(read.flag("DDNS_CREATE_REVERSE_ZONES"))
            .associateVpc(read.flag("DDNS_ASSOCIATE_VPC"))
            .associateZones(read.zoneRefs("DDNS_ASSOCIATE_ZONES"))
            .hostnameTagKey(read.tagKey("DDNS_HOSTNAME_TAG"))
            .poolTagKey(read.tagKey("DDNS_POOL_TAG"))
            .hostnamePattern(read.pattern("DDNS_HOSTNAME_PATTERN"))
            .allAddresses(read.flag("DDNS_ALL_ADDRESSES"))
            .zoneTypes(read.parsed("DDNS_ZONE_TYPES", ZoneTypes::parse))
            .allowedZoneIds(read.zoneIds("DDNS_ALLOWED_ZONE_IDS"))
            .build();
    distinctTagKeys(
        Map.of(
            "DDNS_ZONE_TAG", rules.zoneTagKey(),
            "DDNS_CNAME_TAG", rules.cnameTagKey(),
            "DDNS_HOSTNAME_TAG", rules.hostnameTagKey(),
            "DDNS_POOL_TAG", rules.poolTagKey()));
    return new Config(
        read.tableName("DDNS_TABLE"),
        read.topicArn("DDNS_ALERT_TOPIC_ARN"),
        rules,
        read.flag("DDNS_CREATE_TABLE"),
        read.flag("DDNS_DRY_RUN"),
        Duration.ofSeconds(read.number("DDNS_CACHE_SECONDS", 0, 86_400)),
        read.level("DDNS_LOG_LEVEL"),
        read.text("DDNS_SERVICE_NAME"),
        Duration.ofSeconds(read.number("DDNS_LAUNCH_GRACE_SECONDS", 0, 86_400)),
        read.rate("DDNS_ROUTE53_RPS"),
        read.flag("DDNS_DELETE_EMPTY_REVERSE_ZONES"),
        read.parsed("DDNS_POLICY", ChangePolicy::parse),
        read.reach(),
        read.parsed("DDNS_LIFECYCLE_HOOK", HookSelector::new),
        read.queueUrl("DDNS_QUEUE_URL"));
  }

  /** One tag key cannot mean two things: a zone and an alias, a host name and a pool. */
  private static void distinctTagKeys(Map<String, String> keys) {
    Map<String, String> seen = new java.util.TreeMap<>();
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

  public Config withDryRun(boolean dryRun) {
    return new Config(
        tableName,
        alertTopicArn,
        rules,
        createTable,
        dryRun,
        cacheTtl,
        logLevel,
        serviceName,
        launchGrace,
        route53RequestsPerSecond,
        deleteEmptyReverseZones,
        policy,
        reach,
        lifecycleHooks,
        queueUrl);
  }

  /** Reads variables with defaults; failures name the variable. */
  private record Reader(Map<String, String> env) {

    String text(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? DEFAULTS.get(name) : value.strip();
    }

    boolean flag(String name) {
      String value = text(name).toLowerCase(Locale.ROOT);
      return switch (value) {
        case "true", "yes", "1", "on" -> true;
        case "false", "no", "0", "off" -> false;
        default -> throw new ConfigException(name + " must be true or false, was '" + value + "'");
      };
    }

    long number(String name, long min, long max) {
      String value = text(name);
      try {
        long n = Long.parseLong(value);
        if (n < min || n > max) {
          throw new ConfigException(
              name + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
      } catch (NumberFormatException e) {
        throw new ConfigException(name + " must be a whole number, was '" + value + "'");
      }
    }

    /** DynamoDB's rule: 3 to 255 letters, digits, '_', '-' and '.'. */
    String tableName(String name) {
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
    Optional<String> queueUrl(String name) {
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
    Optional<String> topicArn(String name) {
      String value = text(name);
      if (value.equals(DEFAULTS.get(name))) {
        return Optional.empty();
      }
      if (!TOPIC_ARN.matcher(value).matches()) {
        throw new ConfigException(
            name
                + " is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), was '"
                + value
                + "'");
      }
      return Optional.of(value);
    }

    /**
     * DDNS_ACCOUNTS, DDNS_REGIONS, DDNS_MEMBER_ROLE_NAME, DDNS_MEMBER_EXTERNAL_ID, and where each
     * account's names end: DDNS_SHARED_ACROSS_ACCOUNTS and DDNS_ACCOUNT_ZONES.
     */
    Reach reach() {
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
    double rate(String name) {
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

    JsonLog.Level level(String name) {
      try {
        return JsonLog.Level.parse(text(name));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name + " " + e.getMessage());
      }
    }

    /** A value one of the tool's types parses; its complaint names the variable. */
    <T> T parsed(String name, java.util.function.Function<String, T> parse) {
      try {
        return parse.apply(text(name));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name + " " + e.getMessage());
      }
    }

    /**
     * Hosted zone ids (Route 53's are {@code Z…}: capitals and digits; a {@code /hostedzone/}
     * prefix allowed), comma or space separated.
     */
    Set<String> zoneIds(String name) {
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

    Optional<HostnamePattern> pattern(String name) {
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

    String tagKey(String name) {
      String value = text(name);
      if (value.length() > 128) {
        throw new ConfigException(name + " is longer than 128 characters, the EC2 tag key limit");
      }
      return value;
    }

    /** Zone names (normalised) or hosted zone ids (Z…), comma or space separated. */
    Set<String> zoneRefs(String name) {
      Set<String> refs = new LinkedHashSet<>();
      for (String part : list(name)) {
        refs.add(part.matches("Z[A-Z0-9]{1,31}") ? part : dnsName(name, part).value());
      }
      return refs;
    }

    Set<DnsName> zones(String name) {
      Set<DnsName> zones = new LinkedHashSet<>();
      for (String part : list(name)) {
        zones.add(dnsName(name, part));
      }
      return zones;
    }

    /** The comma- or space-separated entries of a list setting. */
    private List<String> list(String name) {
      return java.util.Arrays.stream(text(name).split("[,\\s]+"))
          .filter(part -> !part.isBlank())
          .toList();
    }

    private static DnsName dnsName(String name, String part) {
      try {
        return DnsName.parse(part);
      } catch (InvalidNameException e) {
        throw new ConfigException(name + ": " + e.getMessage());
      }
    }
  }
}
