package ddns.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AWS settings read from an environment the way the AWS CLI reads them. */
class AwsSettingsTest {

  @Test
  void awsDefaultRegion_isTheFallback_whenAwsRegionIsUnset() {
    assertThat(AwsSettings.fromEnvironment(Map.of("AWS_DEFAULT_REGION", "eu-west-1")).region())
        .contains("eu-west-1");
    assertThat(
            AwsSettings.fromEnvironment(
                    Map.of("AWS_DEFAULT_REGION", "eu-west-1", "AWS_REGION", "us-east-1"))
                .region())
        .contains("us-east-1");
  }

  @Test
  void profileFilesAndWebIdentity_areRead_andWebIdentityNeedsBothVariables() {
    AwsSettings settings =
        AwsSettings.fromEnvironment(
            Map.of(
                "AWS_CONFIG_FILE", "/etc/aws/config",
                "AWS_SHARED_CREDENTIALS_FILE", "/etc/aws/credentials",
                "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci",
                "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token",
                "AWS_ROLE_SESSION_NAME", "build-42"));

    assertThat(settings.files().config()).contains(java.nio.file.Path.of("/etc/aws/config"));
    assertThat(settings.files().credentials())
        .contains(java.nio.file.Path.of("/etc/aws/credentials"));
    assertThat(settings.webIdentity())
        .contains(
            new AwsSettings.WebIdentity(
                "arn:aws:iam::123456789012:role/ci",
                java.nio.file.Path.of("/var/run/token"),
                java.util.Optional.of("build-42")));
    assertThat(
            AwsSettings.fromEnvironment(Map.of("AWS_ROLE_ARN", "arn:aws:iam::1:role/x"))
                .webIdentity())
        .isEmpty();
  }

  @Test
  void endpointProfileAndKeys_areRead_andNothingElseIsInvented() {
    AwsSettings settings =
        AwsSettings.fromEnvironment(
            Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:5000",
                "AWS_PROFILE", "ops",
                "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret"));

    assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:5000"));
    assertThat(settings.profile()).contains("ops");
    assertThat(settings.keys()).hasValueSatisfying(k -> assertThat(k.token()).isEmpty());
    assertThat(settings.toString()).doesNotContain("secret");
    assertThat(AwsSettings.fromEnvironment(Map.of())).isEqualTo(AwsSettings.DEFAULT);
  }

  @Test
  void aRelativeEndpoint_isRefused_namingTheVariable() {
    assertThatThrownBy(() -> AwsSettings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "localhost")))
        .hasMessageContaining("AWS_ENDPOINT_URL");
  }
}
