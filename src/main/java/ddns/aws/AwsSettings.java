package ddns.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the clients go and as whom, read from an environment the way the AWS CLI reads it: {@code
 * AWS_ENDPOINT_URL} (an emulator), {@code AWS_REGION} or else {@code AWS_DEFAULT_REGION}, {@code
 * AWS_PROFILE}, the access keys, the profile files ({@code AWS_CONFIG_FILE}, {@code
 * AWS_SHARED_CREDENTIALS_FILE}) and web identity ({@code AWS_ROLE_ARN}, {@code
 * AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_SESSION_NAME}). What is absent here is left to the
 * SDK's default chains (profile files in the home directory, container and instance credentials),
 * as in Lambda.
 */
public record AwsSettings(
    Optional<URI> endpoint,
    Optional<String> region,
    Optional<String> profile,
    Optional<AccessKeys> keys,
    ProfileFiles files,
    Optional<WebIdentity> webIdentity) {

  /** Where the profile files are, when the environment says; else the SDK's default places. */
  public record ProfileFiles(Optional<Path> config, Optional<Path> credentials) {
    public static final ProfileFiles DEFAULT = new ProfileFiles(Optional.empty(), Optional.empty());
  }

  /** A role to assume with a token from a file (EKS, CI systems). */
  public record WebIdentity(String roleArn, Path tokenFile, Optional<String> sessionName) {}

  public AwsSettings(
      Optional<URI> endpoint,
      Optional<String> region,
      Optional<String> profile,
      Optional<AccessKeys> keys) {
    this(endpoint, region, profile, keys, ProfileFiles.DEFAULT, Optional.empty());
  }

  /** Static credentials; never logged (see {@link #toString}). */
  public record AccessKeys(String accessKeyId, String secretAccessKey, Optional<String> token) {
    public AccessKeys {
      Objects.requireNonNull(accessKeyId, "accessKeyId == null");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey == null");
      Objects.requireNonNull(token, "token == null");
    }

    @Override
    public String toString() {
      return "AccessKeys[" + accessKeyId.substring(0, Math.min(4, accessKeyId.length())) + "…]";
    }
  }

  /** Everything from the SDK's default chains. */
  public static final AwsSettings DEFAULT =
      new AwsSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public AwsSettings {
    Objects.requireNonNull(endpoint, "endpoint == null");
    Objects.requireNonNull(region, "region == null");
    Objects.requireNonNull(profile, "profile == null");
    Objects.requireNonNull(keys, "keys == null");
    Objects.requireNonNull(files, "files == null");
    Objects.requireNonNull(webIdentity, "webIdentity == null");
  }

  /**
   * @throws IllegalArgumentException when {@code AWS_ENDPOINT_URL} is not an absolute URL
   */
  public static AwsSettings fromEnvironment(Map<String, String> env) {
    Optional<URI> endpoint = value(env, "AWS_ENDPOINT_URL").map(AwsSettings::endpoint);
    Optional<String> region = value(env, "AWS_REGION").or(() -> value(env, "AWS_DEFAULT_REGION"));
    Optional<AccessKeys> keys = Optional.empty();
    Optional<String> id = value(env, "AWS_ACCESS_KEY_ID");
    Optional<String> secret = value(env, "AWS_SECRET_ACCESS_KEY");
    if (id.isPresent() && secret.isPresent()) {
      keys = Optional.of(new AccessKeys(id.get(), secret.get(), value(env, "AWS_SESSION_TOKEN")));
    }
    ProfileFiles files =
        new ProfileFiles(
            value(env, "AWS_CONFIG_FILE").map(Path::of),
            value(env, "AWS_SHARED_CREDENTIALS_FILE").map(Path::of));
    Optional<WebIdentity> webIdentity = Optional.empty();
    Optional<String> role = value(env, "AWS_ROLE_ARN");
    Optional<String> tokenFile = value(env, "AWS_WEB_IDENTITY_TOKEN_FILE");
    if (role.isPresent() && tokenFile.isPresent()) {
      webIdentity =
          Optional.of(
              new WebIdentity(
                  role.get(), Path.of(tokenFile.get()), value(env, "AWS_ROLE_SESSION_NAME")));
    }
    return new AwsSettings(endpoint, region, value(env, "AWS_PROFILE"), keys, files, webIdentity);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static URI endpoint(String text) {
    try {
      URI uri = new URI(text);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "AWS_ENDPOINT_URL must be an absolute URL such as http://127.0.0.1:5000, was '"
                + text
                + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("AWS_ENDPOINT_URL is not a URL: " + e.getMessage(), e);
    }
  }
}
