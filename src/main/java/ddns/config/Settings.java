package ddns.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The settings table: every {@code DDNS_*} variable with its default and meaning
 * (docs/behaviour.md, "Settings"). {@code ddns config} prints it, and {@link ConfigReader} takes
 * its defaults from it, so the two cannot differ.
 */
public final class Settings {
  private Settings() {}

  /** One environment variable: its name, its default (empty: none) and what it means. */
  public record Setting(String name, String fallback, String meaning) {}

  /** Every variable, in the order {@code ddns config} and the README list them. */
  public static final List<Setting> ALL =
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
              "DDNS_CACHE_TTL",
              "60",
              "seconds a warm process keeps zone lists and VPC settings (in its AWS adapters)"),
          new Setting(
              "DDNS_CACHE_SECONDS", "60", "older name of DDNS_CACHE_TTL, read when only it is set"),
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

  private static final Map<String, String> DEFAULTS =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Setting::name, Setting::fallback));

  /** The default of one variable of the table; empty: none. */
  static String fallback(String name) {
    String fallback = DEFAULTS.get(name);
    if (fallback == null) {
      throw new IllegalArgumentException(name + " is not in the settings table");
    }
    return fallback;
  }
}
