package ddns.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ddns.aws.AwsClients;
import ddns.config.Config;
import ddns.event.EventDecoder;
import ddns.event.Invocation;
import ddns.service.DdnsService;
import ddns.service.Explanation;
import ddns.service.JsonLog;
import ddns.service.Summary;
import java.io.PrintStream;
import java.time.Clock;
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

  public Application(Config config, AwsClients clients, PrintStream logStream) {
    this.json = objectMapper();
    this.clients = clients;
    this.decoder = new EventDecoder(json);
    JsonLog log = new JsonLog(logStream, json, Clock.systemUTC());
    this.service =
        new DdnsService(
            config,
            clients.instanceSource(),
            clients.dnsZones(),
            clients.registry(config.tableName()),
            clients.alerts(),
            clients.counter(),
            log,
            Clock.systemUTC());
  }

  /** From the process environment and the SDK's default chain. */
  public static Application fromEnvironment(Map<String, String> env, PrintStream logStream) {
    return new Application(Config.fromEnvironment(env), new AwsClients(), logStream);
  }

  public static ObjectMapper objectMapper() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** Decodes one invocation payload (an EventBridge event or an SQS batch); never throws. */
  public Invocation decode(String payload) {
    return decoder.decode(payload);
  }

  public Summary handle(Invocation invocation) {
    return service.handle(invocation.events());
  }

  public Summary reconcile(boolean dryRun) {
    return service.reconcile(dryRun);
  }

  public Explanation explain(String instanceId) {
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
