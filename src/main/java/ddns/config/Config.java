package ddns.config;

import ddns.event.HookSelector;
import ddns.log.JsonLog;
import ddns.plan.ChangePolicy;
import ddns.plan.PlanningRules;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

  /** Reads every setting from {@code env}; see {@link ConfigReader}. */
  public static Config fromEnvironment(Map<String, String> env) {
    return ConfigReader.read(env);
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
}
