package ddns.sim;

import ddns.config.Config;
import ddns.facts.Workplace;
import ddns.failure.ServiceFailure;
import ddns.fakes.FakeAlerts;
import ddns.fakes.FakeLifecycleActions;
import ddns.fakes.NoGroups;
import ddns.log.JsonLog;
import ddns.run.DdnsService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One Lambda execution environment: the real {@link DdnsService}, built once and kept warm, on
 * ports that charge simulated time ({@link SimulatedEc2}, {@link SimulatedRoute53}, {@link
 * SimulatedTable}) and keep what the production adapters keep per container: member credentials for
 * an hour, the organization's accounts and the registry's index for five minutes, its own account
 * once, and the Route 53 pacing of {@code DDNS_ROUTE53_RPS} per account after a burst of 5 ({@code
 * aws.RateLimiter}).
 */
public final class Container {
  static final String TOPIC = "arn:aws:sns:us-east-1:111111111111:DDNSAlerts";
  private static final int PACING_BURST = 5;
  private static final Duration CREDENTIALS = Duration.ofHours(1);

  /** The SDK's standard strategy as {@code aws.Retries.standard()} sets it. */
  private static final int ATTEMPTS = 6;

  private static final Duration THROTTLING_BASE = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final String name;
  final AwsSide aws;
  private final double route53Rps;
  private final Map<String, TokenBucket> pacing = new HashMap<>();
  private final Map<String, Instant> credentialsUntil = new HashMap<>();
  private Simulation.Actor actor;
  private boolean cold = true;
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  final Clock clock = Simulation.clock(() -> actor.now());
  private final DdnsService service;

  public Container(String name, AwsSide aws, Map<String, String> env) {
    this.name = name;
    this.aws = aws;
    Config config = Config.fromEnvironment(env);
    this.route53Rps = config.route53RequestsPerSecond();
    SimulatedEc2 ec2 = new SimulatedEc2(this);
    SimulatedRoute53 route53 = new SimulatedRoute53(this);
    SimulatedTable table = new SimulatedTable(this);
    DdnsService.Ports ports =
        new DdnsService.Ports(
            ec2,
            new NoGroups(),
            ec2,
            route53,
            route53,
            table,
            table,
            table,
            new NoGroups(),
            (topic, digest) ->
                call(
                    "SNS.Publish",
                    aws.central(),
                    Latency.SNS,
                    () -> {
                      aws.alerts.publish(topic, digest);
                      return null;
                    }),
            FakeAlerts.topic(TOPIC),
            new FakeLifecycleActions(),
            Optional.of(
                (body, delay) ->
                    call(
                        "SQS.SendMessage",
                        aws.central(),
                        Latency.SQS,
                        () -> {
                          aws.queue.send(body, actor.now().plus(delay));
                          return null;
                        })),
            FakeAlerts.noCalls());
    JsonLog log =
        new JsonLog(
            new PrintStream(logs, true, StandardCharsets.UTF_8),
            ddns.app.Application.objectMapper(),
            clock,
            JsonLog.Level.INFO);
    this.service = new DdnsService(config, ports, log, clock);
  }

  public String name() {
    return name;
  }

  public DdnsService service() {
    return service;
  }

  /** The actor this container runs as from now on (one per round of the simulation). */
  public void runAs(Simulation.Actor actor) {
    this.actor = actor;
  }

  Simulation.Actor actor() {
    return actor;
  }

  /** True once: a container's first invocation starts cold. */
  public boolean firstInvocation() {
    boolean was = cold;
    cold = false;
    return was;
  }

  /** The log lines written since the last call, and forgets them. */
  String drainLogs() {
    String text = logs.toString(StandardCharsets.UTF_8);
    logs.reset();
    return text;
  }

  /** A call of another service than Route 53: in turn, counted, its latency charged. */
  <T> T call(String operation, String account, Latency.Range latency, Supplier<T> body) {
    actor.sync();
    aws.count(account, operation, 1);
    try {
      return body.get();
    } finally {
      actor.advance(aws.latency.draw(latency));
    }
  }

  /** Further requests of a call that took several (pages), each in turn and charged. */
  void more(String operation, String account, Latency.Range latency, int requests) {
    for (int i = 0; i < requests; i++) {
      call(operation, account, latency, () -> null);
    }
  }

  /** An EC2 call in the workplace, as its member role when it is another account's. */
  <T> T ec2(String operation, Workplace where, Supplier<T> body) {
    credentials(where.account());
    return call(operation, where.account(), Latency.EC2, body);
  }

  /**
   * The member role's credentials, assumed once an hour per account and container (the SDK's
   * provider refreshes them before they expire); none for the tool's own account.
   */
  void credentials(String account) {
    if (account.equals(aws.central())) {
      return;
    }
    Instant until = credentialsUntil.get(account);
    if (until == null || !actor.now().isBefore(until)) {
      call("STS.AssumeRole", account, Latency.STS_ASSUME_ROLE, () -> null);
      credentialsUntil.put(account, actor.now().plus(CREDENTIALS));
    }
  }

  /**
   * One Route 53 request as {@code account}: a token of this container's pacing first (waiting for
   * it), then the account's own bucket at AWS; an empty bucket answers {@code Throttling}, and the
   * SDK's standard strategy backs off (full jitter from 500 ms, capped at 10 s) and tries again, up
   * to 6 attempts, each paced again.
   */
  <T> T route53(String operation, String account, Supplier<T> body) {
    credentials(account);
    for (int attempt = 1; ; attempt++) {
      actor.sync();
      actor.advance(
          Duration.ofNanos(
              pacing
                  .computeIfAbsent(account, a -> new TokenBucket(PACING_BURST, route53Rps))
                  .take(nanos())));
      actor.sync();
      if (aws.route53(account).tryTake(nanos())) {
        break;
      }
      aws.count(account, "Route53 throttled", 1);
      if (attempt == ATTEMPTS) {
        throw new ServiceFailure("Route53." + operation + " failed: Throttling", null);
      }
      long cap = Math.min(MAX_BACKOFF.toNanos(), THROTTLING_BASE.toNanos() << (attempt - 1));
      actor.advance(aws.latency.draw(new Latency.Range(0, cap / 1_000_000)));
    }
    aws.count(account, "Route53." + operation, 1);
    try {
      return body.get();
    } finally {
      actor.advance(aws.latency.draw(Latency.ROUTE53));
    }
  }

  /** Further pages of a Route 53 listing, each a request of its own. */
  void route53More(String operation, String account, int requests) {
    for (int i = 0; i < requests; i++) {
      route53(operation, account, () -> null);
    }
  }

  private long nanos() {
    return Duration.between(Simulation.EPOCH, actor.now()).toNanos();
  }
}
