package ddns.cli;

import ddns.app.Application;
import ddns.aws.cloudwatch.CloudWatchMetrics;
import ddns.aws.cloudwatch.CloudWatchMetrics.Point;
import ddns.aws.route53.HostedZoneQuota;
import ddns.config.Config;
import ddns.failure.ServiceFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ddns status}: a deployed stack's queues, dead letters, runs, failures and zones. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    header = "Show a deployed stack's queues, dead letters, reconcile runs, failures and zones.",
    description = {
      "For the stack named by --stack (or DDNS_STACK): its registry table, messages in the",
      "event queue and the age of the oldest (CloudWatch), dead letters, failed scheduled",
      "reconcile runs, the last reconcile run and instances failed in the last 24 hours (the",
      "function's metrics), the",
      "stack's rules and whether each is on, and the reverse zones the tool created against the",
      "account's hosted zone quota (Route 53 GetAccountLimit). A figure AWS does not give is",
      "shown as unknown, with the reason."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "1:failed after retries", "2:invalid settings"})
final class StatusCommand implements Callable<Integer> {
  private static final Duration DAY = Duration.ofHours(24);

  @Mixin AppOptions options;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Map<String, String> aws = options.aws.awsEnvironment(spec, false);
    String name = options.aws.stackName(aws);
    if (name.isEmpty()) {
      throw new IllegalArgumentException(
          "status works on a deployed stack: name it with --stack NAME or DDNS_STACK");
    }
    Config config = AppOptions.config(options.aws.environment(spec), true);
    try (OperatorStack stack = OperatorStack.open(aws, name, "status")) {
      StackStatus status = read(stack, config, Instant.now());
      options.print(
          spec.commandLine().getOut(), Application.objectMapper(), status, StackStatus::render);
      return 0;
    }
  }

  private static StackStatus read(OperatorStack stack, Config config, Instant now) {
    List<String> unknown = new ArrayList<>();
    var queues = stack.services.queues();
    String eventQueue = stack.output("EventQueueUrl");
    Figures figures = figures(stack.services.metrics(), config, eventQueue, now, unknown);
    List<StackStatus.Rule> rules = new ArrayList<>();
    var eventRules = stack.services.rules();
    for (var rule : stack.stack.ofType("AWS::Events::Rule")) {
      rules.add(
          new StackStatus.Rule(
              rule.logicalId(), rule.physicalId(), eventRules.enabled(rule.physicalId())));
    }
    Optional<HostedZoneQuota.Use> quota = Optional.empty();
    try {
      quota = Optional.of(stack.services.hostedZoneQuota().read());
    } catch (ServiceFailure e) {
      unknown.add("hosted zone quota: " + reason(e));
    }
    return new StackStatus(
        stack.stack.name(),
        stack.stack.status(),
        config.tableName(),
        queues.depth(eventQueue),
        figures.oldest(),
        queues.depth(stack.output("DeadLetterQueueUrl")),
        queues.depth(stack.output("ReconcileFailureQueueUrl")),
        figures.last(),
        figures.failed(),
        rules,
        stack.clients.registry(config.tableName()).all().size(),
        quota.map(HostedZoneQuota.Use::zones).orElse(null),
        quota.map(HostedZoneQuota.Use::limit).orElse(null),
        unknown);
  }

  /** What CloudWatch says: null where it says nothing (the reason added to {@code unknown}). */
  private record Figures(Double oldest, StackStatus.LastReconcile last, Long failed) {}

  private static Figures figures(
      CloudWatchMetrics metrics,
      Config config,
      String eventQueue,
      Instant now,
      List<String> unknown) {
    try {
      Optional<Double> oldest =
          CloudWatchMetrics.latest(
                  metrics.recent(
                      "AWS/SQS",
                      "ApproximateAgeOfOldestMessage",
                      Map.of("QueueName", eventQueue.substring(eventQueue.lastIndexOf('/') + 1)),
                      "Maximum",
                      Duration.ofMinutes(15),
                      Duration.ofMinutes(1),
                      now))
              .map(Point::value);
      if (oldest.isEmpty()) {
        unknown.add("oldest event: no ApproximateAgeOfOldestMessage in the last 15 minutes");
      }
      Map<String, String> reconcile = Map.of("Service", config.serviceName(), "Mode", "reconcile");
      Map<String, String> events = Map.of("Service", config.serviceName(), "Mode", "event");
      List<Point> failedReconciling = sum(metrics, "FailedInstances", reconcile, now);
      return new Figures(
          oldest.orElse(null),
          lastReconcile(sum(metrics, "DriftFound", reconcile, now), failedReconciling),
          total(failedReconciling) + total(sum(metrics, "FailedInstances", events, now)));
    } catch (ServiceFailure e) {
      unknown.add("oldest event, last reconcile, failed instances: " + reason(e));
      return new Figures(null, null, null);
    }
  }

  /**
   * The newest reconcile run: the newest {@code DriftFound} point (every run writes it), with the
   * {@code FailedInstances} of the same period; null when there is none.
   */
  static StackStatus.LastReconcile lastReconcile(List<Point> drift, List<Point> failed) {
    return CloudWatchMetrics.latest(drift)
        .map(
            p ->
                new StackStatus.LastReconcile(
                    p.at().toString(),
                    Math.round(p.value()),
                    total(failed.stream().filter(f -> f.at().equals(p.at())).toList())))
        .orElse(null);
  }

  static long total(List<Point> points) {
    return points.stream().mapToLong(p -> Math.round(p.value())).sum();
  }

  private static String reason(ServiceFailure e) {
    return e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage());
  }

  private static List<Point> sum(
      CloudWatchMetrics metrics, String metric, Map<String, String> dimensions, Instant now) {
    return metrics.recent(
        "route53-ddns", metric, dimensions, "Sum", DAY, Duration.ofMinutes(5), now);
  }
}
