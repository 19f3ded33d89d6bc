package ddns.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ddns.apply.Deadline;
import ddns.aws.AwsClients;
import ddns.aws.AwsSettings;
import ddns.aws.RateLimiter;
import ddns.aws.Retries;
import ddns.aws.dynamodb.DynamoDbRegistry;
import ddns.aws.ec2.VpcCache;
import ddns.aws.route53.ZoneCache;
import ddns.config.Config;
import ddns.event.EventDecoder;
import ddns.event.Invocation;
import ddns.facts.InstanceId;
import ddns.log.JsonLog;
import ddns.run.DdnsService;
import ddns.run.Explanation;
import ddns.run.Scope;
import ddns.run.Summary;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Wires the tool together from the configuration and the AWS clients; shared by the Lambda handler
 * and the command line, so both run exactly the same code.
 */
public final class Application implements AutoCloseable {
  private final ObjectMapper json;
  private final EventDecoder decoder;
  private final DdnsService service;
  private final AwsClients clients;
  private final JsonLog log;

  public Application(Config config, AwsClients clients, PrintStream logStream) {
    this.json = objectMapper();
    this.clients = clients;
    this.decoder = new EventDecoder(json);
    this.log =
        new JsonLog(
            logStream,
            json,
            Clock.systemUTC(),
            config.logLevel(),
            lambdaProcess(config.serviceName()),
            () -> System.getProperty(TRACE_HEADER));
    // Zone lists and VPC settings are kept between the invocations of a warm container.
    ZoneCache zones = new ZoneCache(Clock.systemUTC(), config.cacheTtl());
    DynamoDbRegistry registry = clients.registry(config.tableName());
    this.service =
        new DdnsService(
            config,
            new DdnsService.Ports(
                clients.instanceSource(new VpcCache(Clock.systemUTC(), config.cacheTtl())),
                clients.groupTags(),
                clients.workplaces(),
                clients.zoneDirectory(config.tableName(), zones),
                clients.dnsZones(config.tableName(), zones),
                registry,
                registry,
                registry,
                clients.groupNumbers(config.tableName()),
                clients.alerts(),
                clients.defaultTopic(),
                clients.lifecycleActions(),
                config.queueUrl().map(clients::followUps),
                clients.counter()),
            log,
            Clock.systemUTC());
  }

  /**
   * The system property the Lambda Java runtime sets to the X-Ray trace header of the invocation it
   * runs (absent outside Lambda).
   */
  static final String TRACE_HEADER = "com.amazonaws.xray.traceHeader";

  /** The fields of every log line: the service (stack) name, and the function's name in Lambda. */
  private static Map<String, Object> lambdaProcess(String service) {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put("service", service);
    String function = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
    if (function != null && !function.isBlank()) {
      fields.put("function_name", function);
    }
    return fields;
  }

  /** From the process environment: the settings and where the AWS clients go. */
  public static Application fromEnvironment(Map<String, String> env, PrintStream logStream) {
    Config config = Config.fromEnvironment(env);
    return new Application(
        config, clients(config, AwsSettings.fromEnvironment(env), Retries.standard()), logStream);
  }

  /** The AWS clients for these settings, Route 53 paced at {@code DDNS_ROUTE53_RPS}. */
  public static AwsClients clients(Config config, AwsSettings settings, Retries retries) {
    return new AwsClients(
        settings,
        retries,
        RateLimiter.perSecond(config.route53RequestsPerSecond(), Config.ROUTE53_BURST),
        config.reach());
  }

  /** JSON as the summaries are printed: indented, enums in their lower-case spelling. */
  public static ObjectMapper objectMapper() {
    return new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
  }

  /** Decodes one invocation payload (an EventBridge event or an SQS batch); never throws. */
  public Invocation decode(String payload) {
    return decoder.decode(payload);
  }

  /**
   * Puts the fields on every log line this thread writes until the scope closes (the Lambda request
   * id, cold start and function version of one invocation).
   */
  public JsonLog.Scope logContext(JsonLog.Field... fields) {
    return log.withContext(fields);
  }

  /**
   * Writes the summary to the log: one line per instance (its changes, alerts and notes) and per
   * rejected event, then one with the run's counts, notes and API calls. Each line stays small
   * whatever the batch's size.
   */
  public void logSummary(Summary summary) {
    summary.instances().forEach(i -> log.info("instance outcome", JsonLog.field("instance", i)));
    summary.rejected().forEach(r -> log.info("event outcome", JsonLog.field("rejected", r)));
    log.info(
        "run summary",
        JsonLog.field("counts", summary.counts()),
        JsonLog.field("notes", summary.notes()),
        JsonLog.field("apiCalls", summary.apiCalls()));
  }

  public Summary handle(Invocation invocation) {
    return service.handle(invocation.events());
  }

  /**
   * Handles the invocation within the time Lambda gives it: no request is started once only a
   * margin is left (docs/behaviour.md, "Time budget"); what is left fails, to come back.
   */
  public Summary handle(Invocation invocation, Duration remaining) {
    return service.handle(invocation.events(), Deadline.ofRemaining(remaining, Clock.systemUTC()));
  }

  public Summary reconcile(boolean dryRun) {
    return service.reconcile(dryRun);
  }

  /** A reconcile run over the accounts and regions of the scope only. */
  public Summary reconcile(boolean dryRun, Scope scope) {
    return service.reconcile(dryRun, scope);
  }

  /** The instance {@code ec2Id} in the account and region the scope names, as the tool names it. */
  public InstanceId instanceIn(String ec2Id, Scope scope) {
    return service.instanceIn(ec2Id, scope);
  }

  public Summary adopt(boolean dryRun) {
    return service.adopt(dryRun);
  }

  /**
   * Resolves the AWS credentials now (the command line does, before its job).
   *
   * @throws ddns.failure.SignInFailure saying where it looked and what went wrong
   */
  public void checkCredentials() {
    clients.checkCredentials();
  }

  public Summary uninstall(boolean dryRun) {
    return service.uninstall(dryRun);
  }

  public Explanation explain(InstanceId instanceId) {
    return service.explain(instanceId);
  }

  public ObjectMapper json() {
    return json;
  }

  @Override
  public void close() {
    clients.close();
  }
}
