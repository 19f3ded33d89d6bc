package ddns.it;

import ddns.app.Application;
import ddns.aws.AwsSettings;
import ddns.aws.Retries;
import ddns.config.Config;
import ddns.dns.DnsName;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.faults.FaultProxy;
import ddns.run.Summary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Base of the scenario tests: a reset emulator per test, the world builder, and the real {@link
 * Application} (the Lambda's and the CLI's code path) talking to the emulator over HTTP.
 */
public abstract class EmulatorTest {
  protected static final Emulator EMULATOR = Emulator.get();

  /** The SDK's retry strategy with short backoffs, so injected faults cost milliseconds. */
  protected static final Retries FAST_RETRIES =
      new Retries(6, Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(50));

  protected AwsWorld world;

  /**
   * The settings of the code under test. Route 53 is paced as in production, at a rate far above
   * what the emulator needs, so the wiring runs and the tests stay fast (the pace itself is tested
   * in {@code RateLimiterTest}).
   */
  protected final Map<String, String> env = new HashMap<>(Map.of("DDNS_ROUTE53_RPS", "1000"));

  /** Where the code under test sends its AWS calls: the emulator, or a fault proxy before it. */
  protected URI endpoint = EMULATOR.endpoint();

  private Application app;
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

  /** Every handled invocation's API calls, per test, for the README's API-economy table. */
  private static final Path CALL_REPORT = Path.of("target", "api-calls-per-scenario.tsv");

  private String testName = "";

  @BeforeEach
  void nameTheTest(TestInfo info) {
    testName =
        getClass().getSimpleName() + "." + info.getTestMethod().map(m -> m.getName()).orElse("?");
  }

  /**
   * Route 53's rules for change batches, which the emulator does not keep (a CREATE where a record
   * set exists, a DELETE of other values, a CNAME beside another record), kept by a proxy before it
   * for every test: the tool's writes are conditional, and these rules are what makes them so.
   */
  private FaultProxy route53Rules;

  @BeforeEach
  void freshAccount() throws IOException {
    EMULATOR.reset();
    world = new AwsWorld(EMULATOR.endpoint());
    world.subscribeToAlerts();
    route53Rules = strictProxy();
    endpoint = route53Rules.endpoint();
  }

  /** A proxy before the emulator that keeps Route 53's change-batch rules. */
  protected FaultProxy strictProxy() throws IOException {
    FaultProxy proxy = new FaultProxy(EMULATOR.endpoint());
    proxy.strictRecordChanges(world.route53);
    return proxy;
  }

  @AfterEach
  void closeRoute53Rules() {
    route53Rules.close();
  }

  @AfterEach
  void closeClients() {
    if (app != null) {
      app.close();
    }
    world.close();
  }

  /** The application under test, built on first use from {@link #env}. */
  protected Application app() {
    if (app == null) {
      app = freshApp();
    }
    return app;
  }

  /** A second, independent application (a cold Lambda container or another invocation). */
  protected Application freshApp() {
    Config config = Config.fromEnvironment(env);
    return new Application(
        config,
        Application.clients(config, awsSettings(), FAST_RETRIES),
        new PrintStream(logs, true, StandardCharsets.UTF_8));
  }

  /** Where the code under test sends its calls ({@link #endpoint}), as whom, in which region. */
  protected AwsSettings awsSettings() {
    return AwsSettings.fromEnvironment(AwsWorld.awsEnvironment(endpoint));
  }

  /** The command line's environment: the test's DDNS_* settings and the AWS settings. */
  protected Map<String, String> cliEnvironment() {
    Map<String, String> all = new HashMap<>(env);
    all.putAll(AwsWorld.awsEnvironment(endpoint));
    return all;
  }

  /**
   * {@code ddns ARGS} in this JVM with {@link #cliEnvironment}; its output in {@code out}, {@code
   * err}.
   */
  protected int cli(StringWriter out, StringWriter err, String... args) {
    CommandLine cli = ddns.cli.Main.commandLine(cliEnvironment());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** Drops the current application, as when a Lambda container dies; the next call starts cold. */
  protected void restartApp() {
    if (app != null) {
      app.close();
      app = null;
    }
  }

  protected Summary handle(String payload) {
    Summary summary = app().handle(app().decode(payload));
    report(summary);
    return summary;
  }

  private void report(Summary summary) {
    String line = testName + "\t" + summary.apiCallsTotal() + "\t" + summary.apiCalls() + "\n";
    try {
      Files.createDirectories(CALL_REPORT.getParent());
      Files.writeString(CALL_REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Summary running(String instanceId) {
    return handle(Events.stateChange(instanceId, "running"));
  }

  Summary stopped(String instanceId) {
    world.stop(instanceId);
    return handle(Events.stateChange(instanceId, "stopped"));
  }

  protected String logs() {
    return logs.toString(StandardCharsets.UTF_8);
  }

  /** The registry's instance and claim items (alert memory aside). */
  protected List<Map<String, AttributeValue>> registry() {
    return world.registryItems("DDNS").stream()
        .filter(item -> !item.get("ItemType").s().equals("alerts"))
        .toList();
  }

  protected static RecordSet record(String name, RecordType type, String... values) {
    return new RecordSet(DnsName.parse(name), type, 60, List.of(values));
  }

  /** ip-10-20-1-4 for the first instance in 10.20.1.0/24, as EC2 names it. */
  protected String hostLabel(String instanceId) {
    return world.describe(instanceId).privateDnsName().split("\\.")[0];
  }

  protected String privateIp(String instanceId) {
    return world.describe(instanceId).privateIpAddress();
  }
}
