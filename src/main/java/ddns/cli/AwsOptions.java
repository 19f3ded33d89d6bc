package ddns.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The AWS CLI's own options, on every command that calls AWS. Each takes precedence over the
 * environment, as in the AWS CLI: {@code --profile} over the access-key variables and {@code
 * AWS_PROFILE}, {@code --region} over {@code AWS_REGION} and {@code AWS_DEFAULT_REGION}, {@code
 * --endpoint-url} over {@code AWS_ENDPOINT_URL}.
 */
final class AwsOptions {
  /** The variables a named profile replaces: the profile decides the credentials. */
  private static final List<String> KEYS =
      List.of(
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_ROLE_ARN",
          "AWS_WEB_IDENTITY_TOKEN_FILE");

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Use this profile of the AWS config files (instead of AWS_PROFILE or keys).")
  String profile;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "The region to work in (instead of AWS_REGION or AWS_DEFAULT_REGION).")
  String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Send every AWS call to this URL, such as a local emulator (AWS_ENDPOINT_URL).")
  String endpointUrl;

  /** The command's environment with these options applied. */
  Map<String, String> environment(CommandSpec spec) {
    Map<String, String> env = new HashMap<>(Main.environment(spec));
    if (profile != null) {
      KEYS.forEach(env::remove);
      env.put("AWS_PROFILE", profile);
    }
    if (region != null) {
      env.remove("AWS_DEFAULT_REGION");
      env.put("AWS_REGION", region);
    }
    if (endpointUrl != null) {
      env.put("AWS_ENDPOINT_URL", endpointUrl);
    }
    return env;
  }
}
