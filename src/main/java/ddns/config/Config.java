package ddns.config;

import ddns.model.DnsName;
import ddns.model.InvalidNameException;
import ddns.plan.PlanningRules;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting, read once from the environment (DESIGN section 9). AWS endpoint, region and
 * credentials are not here: they come from the SDK's standard chain.
 *
 * @param alertTopicArn explicit topic; when absent, {@code
 *     arn:aws:sns:{region}:{account}:DDNSAlerts} of the event
 */
public record Config(
    String tableName,
    Optional<String> alertTopicArn,
    PlanningRules rules,
    boolean createTable,
    boolean dryRun,
    Duration cacheTtl) {

  /** Name, default and meaning of each variable, for the README and {@code --help}. */
  public static final Map<String, String> VARIABLES =
      Map.ofEntries(
          Map.entry("DDNS_TABLE", "DDNS"),
          Map.entry("DDNS_ALERT_TOPIC_ARN", "arn:aws:sns:{region}:{account}:DDNSAlerts"),
          Map.entry("DDNS_TTL", "60"),
          Map.entry("DDNS_ZONE_TAG", "ZONE"),
          Map.entry("DDNS_CNAME_TAG", "CNAME"),
          Map.entry("DDNS_ALLOWED_ZONES", ""),
          Map.entry("DDNS_CREATE_REVERSE_ZONES", "true"),
          Map.entry("DDNS_ASSOCIATE_VPC", "true"),
          Map.entry("DDNS_CREATE_TABLE", "true"),
          Map.entry("DDNS_DRY_RUN", "false"),
          Map.entry("DDNS_CACHE_SECONDS", "60"));

  public static Config fromEnvironment(Map<String, String> env) {
    Reader read = new Reader(env);
    PlanningRules rules =
        new PlanningRules(
            read.number("DDNS_TTL", 0, 2_147_483_647L),
            read.tagKey("DDNS_ZONE_TAG"),
            read.tagKey("DDNS_CNAME_TAG"),
            read.zones("DDNS_ALLOWED_ZONES"),
            read.flag("DDNS_CREATE_REVERSE_ZONES"),
            read.flag("DDNS_ASSOCIATE_VPC"));
    return new Config(
        read.text("DDNS_TABLE"),
        Optional.of(read.text("DDNS_ALERT_TOPIC_ARN")).filter(s -> !s.contains("{")),
        rules,
        read.flag("DDNS_CREATE_TABLE"),
        read.flag("DDNS_DRY_RUN"),
        Duration.ofSeconds(read.number("DDNS_CACHE_SECONDS", 0, 86_400)));
  }

  /** The topic alerts go to for an event of this account and region, if one can be named. */
  public Optional<String> alertTopicFor(String region, String account) {
    if (alertTopicArn.isPresent()) {
      return alertTopicArn;
    }
    if (region == null || account == null) {
      return Optional.empty();
    }
    return Optional.of("arn:aws:sns:" + region + ":" + account + ":DDNSAlerts");
  }

  public Config withDryRun(boolean dryRun) {
    return new Config(tableName, alertTopicArn, rules, createTable, dryRun, cacheTtl);
  }

  /** Reads variables with defaults; failures name the variable. */
  private record Reader(Map<String, String> env) {

    String text(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? VARIABLES.get(name) : value.strip();
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

    String tagKey(String name) {
      String value = text(name);
      if (value.length() > 128) {
        throw new ConfigException(name + " is longer than 128 characters, the EC2 tag key limit");
      }
      return value;
    }

    Set<DnsName> zones(String name) {
      Set<DnsName> zones = new LinkedHashSet<>();
      for (String part : text(name).split("[,\\s]+")) {
        if (part.isBlank()) {
          continue;
        }
        try {
          zones.add(DnsName.parse(part));
        } catch (InvalidNameException e) {
          throw new ConfigException(name + ": " + e.getMessage());
        }
      }
      return zones;
    }
  }
}
