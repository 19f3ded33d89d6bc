package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.faults.Fault;
import ddns.faults.Rules;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IAM Identity Center profile, end to end, in a process of its own (the SDK reads the token
 * cache from the home directory and sends its portal call where the process's {@code
 * AWS_ENDPOINT_URL} says): the cached session from {@code aws sso login} is exchanged for role
 * credentials, which then sign every call. The emulator has no portal; the proxy answers {@code
 * GetRoleCredentials} as the portal does.
 */
class IdentityCenterSignInTest extends FaultTestBase {
  private static final String TOKEN = "sso-access-token-of-the-login";

  @TempDir Path home;

  @Test
  void anIdentityCenterProfile_signsInWithTheCachedSession() throws Exception {
    proxy.add(
        Rules.first(
            10,
            c -> c.operation().equals("GetRoleCredentials"),
            Fault.ssoRoleCredentials("testing", "testing")));
    Path config = Files.writeString(home.resolve("config"), SignInTest.SSO_PROFILE);
    Path cache = Files.createDirectories(home.resolve(".aws/sso/cache"));
    Files.writeString(
        cache.resolve(sha1("corp") + ".json"),
        """
        {"accessToken": "%s", "expiresAt": "%s", "region": "us-east-1",
         "startUrl": "https://corp.awsapps.com/start"}
        """
            .formatted(TOKEN, Instant.now().plusSeconds(3600)));

    Process cli =
        CliProcess.start(
            Map.of(
                "HOME", home.toString(),
                "AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString(),
                "AWS_ENDPOINT_URL", proxy.endpoint().toString(),
                "DDNS_ROUTE53_RPS", "1000"),
            "reconcile",
            "--dry-run",
            "--profile",
            "sso-user");
    cli.getInputStream().transferTo(OutputStream.nullOutputStream());
    assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(cli.exitValue()).isZero();
    assertThat(proxy.calls())
        .filteredOn(c -> c.operation().equals("GetRoleCredentials"))
        .isNotEmpty()
        .allMatch(c -> c.header("x-amz-sso_bearer_token").equals(TOKEN))
        .allMatch(c -> c.path().startsWith("/federation/credentials"));
    assertThat(proxy.calls()).anyMatch(c -> c.operation().equals("DescribeInstances"));
  }

  private static String sha1(String text) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
