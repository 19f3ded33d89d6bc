package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;

/**
 * The command line acting for a deployed stack ({@code --stack}, {@code DDNS_STACK}): the stack is
 * deployed to the emulator's CloudFormation (the shape of template.yaml the commands read,
 * StackShapeTest), and the commands work on its registry, not on a table of their own.
 */
class StackScenarioTest extends EmulatorTest {
  static final String STACK = "route53-ddns";
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Map<String, String> outputs;

  @BeforeEach
  void deployTheStack() throws IOException {
    outputs = deploy(STACK);
  }

  /** Deploys the stack's shape under this name, and answers its outputs. */
  static Map<String, String> deploy(String name) throws IOException {
    String body;
    try (InputStream in =
        StackScenarioTest.class.getResourceAsStream("/stacks/deployed-shape.yaml")) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (CloudFormationClient cfn =
        CloudFormationClient.builder()
            .endpointOverride(EMULATOR.endpoint())
            .region(Region.of(AwsWorld.REGION))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .build()) {
      cfn.createStack(
          r -> r.stackName(name).templateBody(body).capabilities(Capability.CAPABILITY_IAM));
      return cfn.describeStacks(r -> r.stackName(name)).stacks().get(0).outputs().stream()
          .collect(java.util.stream.Collectors.toMap(Output::outputKey, Output::outputValue));
    }
  }

  @Test
  void reconcile_withTheStack_registersInTheStacksTable_andCreatesNoOtherTable() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    String table = outputs.get("RegistryTableName");

    int status = cli(out, err, "reconcile", "--stack", STACK);

    assertThat(status).as(err.toString()).isZero();
    assertThat(world.records(zone)).isNotEmpty();
    assertThat(world.dynamoDb.scan(r -> r.tableName(table)).items())
        .anyMatch(item -> item.get("InstanceId").s().equals(id));
    assertThat(world.dynamoDb.listTables().tableNames()).containsExactly(table);
  }

  @Test
  void theStacksSettings_winOverTheEnvironments_andEachOverriddenOneIsNamed() {
    env.put("DDNS_TABLE", "DDNS");
    env.put("DDNS_STACK", STACK);
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    world.launch(net, Map.of(), false);

    int status = cli(out, err, "reconcile", "--dry-run");

    assertThat(status).as(err.toString()).isZero();
    assertThat(err.toString())
        .contains("DDNS_TABLE='DDNS' from the environment ignored")
        .contains(outputs.get("RegistryTableName"));
    assertThat(world.dynamoDb.listTables().tableNames())
        .containsExactly(outputs.get("RegistryTableName"));
  }

  @Test
  void plan_withTheStack_appliesTheStacksZoneAllowList() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    world.privateZone("other.internal", net.vpcId());
    String id = world.launch(net, Map.of("ZONE", "other.internal"), false);

    int status = cli(out, err, "plan", "--stack", STACK, "--instance-id", id);

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("ZONE_NOT_ALLOWED: ZONE tag names other.internal.");
  }

  @Test
  void aStackThatDoesNotExist_exitsTwo_namingIt() {
    int status = cli(out, err, "reconcile", "--stack", "no-such-stack");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("stack 'no-such-stack' not found");
  }

  /**
   * Without a stack and without DDNS_TABLE, against AWS (no endpoint: the real one), the command
   * refuses before any call: it would otherwise create a second registry.
   */
  @Test
  void withoutAStack_reconcileAgainstAws_refusesToCreateATable_beforeAnyCall() {
    Map<String, String> real = new java.util.HashMap<>(cliEnvironment());
    real.remove("AWS_ENDPOINT_URL");
    var cli = ddns.cli.Main.commandLine(real);
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));

    int status = cli.execute("reconcile");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--create-table").contains("--stack");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void withoutAStack_againstTheEmulator_theTableIsCreatedAsBefore() {
    int status = cli(out, err, "reconcile");

    assertThat(status).as(err.toString()).isZero();
    assertThat(world.dynamoDb.listTables().tableNames()).contains("DDNS");
  }
}
