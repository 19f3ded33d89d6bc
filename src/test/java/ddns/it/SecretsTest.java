package ddns.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ddns.app.Application;
import ddns.aws.AwsClients;
import ddns.aws.AwsSettings;
import ddns.config.Config;
import ddns.run.Summary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Logs, summaries and alerts never carry credentials, also when calls fail. */
class SecretsTest extends EmulatorTest {
  private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String SESSION = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

  private final ByteArrayOutputStream logSink = new ByteArrayOutputStream();

  @Test
  void credentials_appearInNoLogSummaryOrAlert() throws Exception {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.handWrittenRecord(zone, "web.corp.internal.", "CNAME", "legacy.example.com.");
    String id =
        world.launch(net, Map.of("CNAME", "web.corp.internal", "ZONE", "nowhere.test"), false);
    env.put("DDNS_TABLE", "missing-table");
    env.put("DDNS_CREATE_TABLE", "false");
    Map<String, String> aws = new HashMap<>(AwsWorld.awsEnvironment(EMULATOR.endpoint()));
    aws.put("AWS_ACCESS_KEY_ID", KEY_ID);
    aws.put("AWS_SECRET_ACCESS_KEY", SECRET);
    aws.put("AWS_SESSION_TOKEN", SESSION);

    Summary failed;
    try (Application app =
        new Application(
            Config.fromEnvironment(env),
            new AwsClients(AwsSettings.fromEnvironment(aws), FAST_RETRIES),
            new PrintStream(logSink, true, UTF_8))) {
      failed = app.handle(app.decode(Events.stateChange(id, "running")));
      String summaryJson = app.json().writeValueAsString(failed);
      assertThat(failed.failedMessageIds()).isNotEmpty();
      assertThat(summaryJson).doesNotContain(KEY_ID, SECRET, SESSION);
    }
    String logged = logSink.toString(UTF_8);
    assertThat(logged).contains(id).doesNotContain(KEY_ID, SECRET, SESSION);
    assertThat(String.join("\n", world.alerts())).doesNotContain(KEY_ID, SECRET, SESSION);
  }
}
