package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ddns} as a user runs it: exit statuses, stdout summary, stderr messages. */
class CliTest extends EmulatorTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void handle_runningEvent_printsTheSummary_andExitsZero() throws IOException {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);

    int status = run("handle", "--event", write(Events.stateChange(id, "running")));

    assertThat(status).isZero();
    var summary = new ObjectMapper().readTree(out.toString());
    assertThat(summary.path("instances").get(0).path("changes").get(0).path("action").asText())
        .isEqualTo("UPSERT");
  }

  @Test
  void handle_dryRun_changesNothing() throws IOException {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);

    int status = run("handle", "--dry-run", "--event", write(Events.stateChange(id, "running")));

    assertThat(status).isZero();
    assertThat(new ObjectMapper().readTree(out.toString()).path("dryRun").asBoolean()).isTrue();
    assertThat(world.records(zone)).isEmpty();
  }

  @Test
  void handle_malformedEvent_exitsTwo_namingTheField() throws IOException {
    int status =
        run(
            "handle",
            "--event",
            write(
                "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\"}"));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("detail is missing");
  }

  @Test
  void handle_missingFile_exitsTwo() {
    assertThat(run("handle", "--event", dir.resolve("nope.json").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no such file");
  }

  @Test
  void handle_withoutEvent_exitsTwo_andShowsUsage() {
    assertThat(run("handle")).isEqualTo(2);
    assertThat(err.toString()).contains("--event");
  }

  @Test
  void reconcile_dryRun_printsThePlanAsATable_andChangesNothing() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);

    int status = run("reconcile", "--dry-run");

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("Plan (dry run: nothing was changed)")
        .contains("UPSERT")
        .contains(hostLabel(id) + ".corp.internal.")
        .contains(id)
        .contains("DriftFound=2");
    assertThat(world.records(zone)).isEmpty();
  }

  @Test
  void reconcile_jsonOutput_isTheSummary() throws IOException {
    int status = run("reconcile", "--output", "json");

    assertThat(status).isZero();
    assertThat(new ObjectMapper().readTree(out.toString()).path("mode").asText())
        .isEqualTo("reconcile");
  }

  @Test
  void plan_showsTheRecordsWithTheirReasons_andWhatIsSkipped() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("CNAME", "*.corp.internal"), false);

    int status = run("plan", "--instance-id", id);

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("Records it should have")
        .contains("DHCP domain corp.internal.")
        .contains("INVALID_TAG")
        .contains("wildcard")
        .contains("Changes still needed")
        .contains("UPSERT");
    assertThat(registry()).isEmpty();
  }

  @Test
  void plan_withABadInstanceId_exitsTwo() {
    assertThat(run("plan", "--instance-id", "web-1")).isEqualTo(2);
    assertThat(err.toString()).contains("not an instance id");
  }

  @Test
  void help_listsTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("handle")
        .contains("reconcile")
        .contains("plan")
        .contains("config")
        .contains("uninstall")
        .contains("adopt")
        .contains("--profile")
        .contains("AWS_ENDPOINT_URL");
  }

  @Test
  void uninstall_dryRun_listsWhatWouldGo_andChangesNothing_thenUninstallRemovesIt() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    assertThat(run("reconcile")).isZero();
    out.getBuffer().setLength(0);

    int dry = run("uninstall", "--dry-run");
    String plan = out.toString();
    boolean keptByDryRun = world.records(zone).size() == 1;
    int real = run("uninstall");

    assertThat(dry).isZero();
    assertThat(plan).contains("DELETE").contains(hostLabel(id) + ".corp.internal.");
    assertThat(keptByDryRun).isTrue();
    assertThat(real).isZero();
    assertThat(world.records(zone)).isEmpty();
    assertThat(world.zoneIdsNamed("1.20.10.in-addr.arpa.")).isEmpty();
    assertThat(registry()).isEmpty();
  }

  @Test
  void handle_emptyFile_exitsTwo_namingTheFile() throws IOException {
    String empty = write("");

    assertThat(run("handle", "--event", empty)).isEqualTo(2);
    assertThat(err.toString()).contains("rejected " + empty + ": input is empty");
  }

  @Test
  void help_summarisesEachCommand_inAWholeSentence() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("Handle one event or SQS batch, as the Lambda function does.")
        .contains("Repair drift between running instances, the registry and DNS.")
        .contains("Show what the tool would do for one instance now, and why.")
        .contains("Show every DDNS_* setting: default, value here, meaning.");
  }

  @Test
  void config_listsEachSettingWithItsMeaning_andABadOneExitsTwo() {
    assertThat(run("config")).isZero();
    assertThat(out.toString()).contains("DDNS_LOG_LEVEL").contains("lowest level logged");

    env.put("DDNS_LOG_LEVEL", "LOUD");
    assertThat(run("config")).isEqualTo(2);
    assertThat(err.toString()).contains("DDNS_LOG_LEVEL").contains("LOUD");
  }

  @Test
  void handle_aDirectory_exitsTwo_sayingSo() {
    assertThat(run("handle", "--event", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(dir.toString()).contains("is a directory");
  }

  @Test
  void handle_anEmptySqsBatch_isNothingToDo_andExitsZero() throws IOException {
    assertThat(run("handle", "--event", write("{\"Records\": []}"))).isZero();
  }

  private int run(String... args) {
    return cli(out, err, args);
  }

  private String write(String content) throws IOException {
    Path file = Files.createTempFile(dir, "event", ".json");
    Files.writeString(file, content);
    return file.toString();
  }
}
