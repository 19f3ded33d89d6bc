package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.faults.Fault;
import ddns.faults.Rules;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line signs in as the AWS CLI does: every standard profile kind, web identity, and the
 * {@code --profile}, {@code --region} and {@code --endpoint-url} options; a failed sign-in says so
 * and where it looked (exit 1), never a summary of failed instances. The emulator answers STS; the
 * proxy shows which sign-in calls were made.
 */
class SignInTest extends FaultTestBase {
  private static final String ROLE = "arn:aws:iam::123456789012:role/ddns-operator";

  /** A role profile whose source profile holds keys. */
  private static final String ROLE_PROFILES =
      """
      [profile base]
      aws_access_key_id = testing
      aws_secret_access_key = testing
      [profile operator]
      role_arn = %s
      source_profile = base
      external_id = ops-2026
      region = us-east-1
      """
          .formatted(ROLE);

  /** An IAM Identity Center profile in the sso-session form {@code aws configure sso} writes. */
  static final String SSO_PROFILE =
      """
      [profile sso-user]
      sso_session = corp
      sso_account_id = 123456789012
      sso_role_name = Operator
      region = us-east-1
      [sso-session corp]
      sso_start_url = https://corp.awsapps.com/start
      sso_region = us-east-1
      sso_registration_scopes = sso:account:access
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void aRoleProfile_assumesItsRoleWithItsSourceProfile() throws IOException {
    Map<String, String> env = profiles(ROLE_PROFILES);

    int status = run(env, "reconcile", "--dry-run", "--profile", "operator");

    assertThat(status).as(err.toString()).isZero();
    assertThat(operations()).contains("sts.AssumeRole");
    assertThat(proxy.calls())
        .filteredOn(c -> c.operation().equals("AssumeRole"))
        .allMatch(c -> c.mentions("ExternalId=ops-2026") && c.mentions("ddns-operator"));
  }

  @Test
  void aWebIdentityProfile_andWebIdentityFromTheEnvironment_assumeTheRoleWithTheToken()
      throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.e30.c2ln\n");
    Map<String, String> env =
        profiles(
            """
            [profile ci]
            role_arn = %s
            web_identity_token_file = %s
            """
                .formatted(ROLE, token));
    Map<String, String> fromEnvironment = new HashMap<>(withoutKeys(cliEnvironment()));
    fromEnvironment.put("AWS_ROLE_ARN", ROLE);
    fromEnvironment.put("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString());

    int byProfile = run(env, "reconcile", "--dry-run", "--profile", "ci");
    int byEnvironment = run(fromEnvironment, "reconcile", "--dry-run");

    assertThat(byProfile).as(err.toString()).isZero();
    assertThat(byEnvironment).as(err.toString()).isZero();
    assertThat(proxy.calls())
        .filteredOn(c -> c.operation().equals("AssumeRoleWithWebIdentity"))
        .hasSize(2)
        .allMatch(c -> c.mentions("WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.e30.c2ln"));
  }

  @Test
  void aRoleThatCannotBeAssumed_isASignInFailure_namingTheProfile_notAFailedRun()
      throws IOException {
    proxy.add(Rules.first(10, Rules.operation("AssumeRole"), Fault.error("AccessDenied")));
    Map<String, String> env = profiles(ROLE_PROFILES);

    int status = run(env, "reconcile", "--profile", "operator");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("ddns: cannot sign in to AWS with profile 'operator'")
        .contains("AccessDenied");
    assertThat(out.toString()).doesNotContain("needed changes").doesNotContain("instances checked");
    assertThat(operations()).doesNotContain("ec2.DescribeInstances");
  }

  @Test
  void aMissingProfile_andAnIdentityCenterProfileWithoutASession_areSignInFailures()
      throws IOException {
    Map<String, String> env = profiles(SSO_PROFILE);

    int missing = run(env, "plan", "--instance-id", "i-0123456789abcdef0", "--profile", "nowhere");
    String missingErr = err.toString();
    err.getBuffer().setLength(0);
    int sso = run(env, "plan", "--instance-id", "i-0123456789abcdef0", "--profile", "sso-user");

    assertThat(missing).isEqualTo(1);
    assertThat(missingErr)
        .contains("profile 'nowhere' is in no AWS config or credentials file")
        .contains(env.get("AWS_CONFIG_FILE"));
    assertThat(sso).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("ddns: cannot sign in to AWS with profile 'sso-user'")
        .doesNotContain("must be on the class path");
  }

  @Test
  void theAwsCliOptions_takePrecedenceOverTheEnvironment() {
    Map<String, String> env = new HashMap<>(cliEnvironment());
    env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
    env.put("AWS_REGION", "eu-west-1");

    int status =
        run(
            env,
            "reconcile",
            "--dry-run",
            "--output",
            "json",
            "--endpoint-url",
            proxy.endpoint().toString(),
            "--region",
            "us-east-1");

    assertThat(status).as(err.toString()).isZero();
    assertThat(operations()).contains("ec2.DescribeInstances");
  }

  @Test
  void aRegionFromAwsDefaultRegionAlone_isHonoured() {
    Map<String, String> env = new HashMap<>(cliEnvironment());
    env.remove("AWS_REGION");
    env.put("AWS_DEFAULT_REGION", "us-east-1");

    assertThat(run(env, "reconcile", "--dry-run")).as(err.toString()).isZero();
  }

  /** The environment with a config file holding these profiles, and no keys of its own. */
  private Map<String, String> profiles(String config) throws IOException {
    Path file = Files.writeString(dir.resolve("config"), config);
    Path credentials = Files.writeString(dir.resolve("credentials"), "");
    Map<String, String> env = new HashMap<>(withoutKeys(cliEnvironment()));
    env.put("AWS_CONFIG_FILE", file.toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
    return env;
  }

  private static Map<String, String> withoutKeys(Map<String, String> env) {
    Map<String, String> copy = new HashMap<>(env);
    List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")
        .forEach(copy::remove);
    return copy;
  }

  private List<String> operations() {
    return proxy.calls().stream().map(c -> c.service() + "." + c.operation()).toList();
  }

  private int run(Map<String, String> env, String... args) {
    CommandLine cli = ddns.cli.Main.commandLine(env);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
