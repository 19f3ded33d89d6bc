package ddns.aws;

import ddns.failure.SignInFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithWebIdentityCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;

/**
 * Finds the clients' credentials as the AWS CLI does: access keys in the environment; else web
 * identity from the environment; else the named profile, of any kind (keys, {@code role_arn} with
 * {@code source_profile} or {@code credential_source}, {@code web_identity_token_file}, IAM
 * Identity Center, {@code credential_process}); else the SDK's default chain. Roles are assumed
 * through an STS client built like every other client (endpoint, HTTP client, retries), so {@code
 * --endpoint-url} reaches those calls too. An Identity Center profile is handed to the SDK's own
 * provider, whose portal calls go where the profile's {@code sso_region} (or the process's {@code
 * AWS_ENDPOINT_URL}) says.
 */
final class Credentials {
  private static final String SESSION_NAME = "route53-ddns";

  /** Builds an STS client signed with the given credentials. */
  private final Function<AwsCredentialsProvider, StsClient> sts;

  private final AwsSettings settings;
  private ProfileFile files;

  Credentials(AwsSettings settings, Function<AwsCredentialsProvider, StsClient> sts) {
    this.settings = settings;
    this.sts = sts;
  }

  /** The provider, and where it looks, for messages. */
  record Source(AwsCredentialsProvider provider, String description) {}

  Source source() {
    if (settings.keys().isPresent()) {
      AwsSettings.AccessKeys keys = settings.keys().get();
      return new Source(
          StaticCredentialsProvider.create(
              keys.token().isPresent()
                  ? AwsSessionCredentials.create(
                      keys.accessKeyId(), keys.secretAccessKey(), keys.token().get())
                  : AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())),
          "the access keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    }
    if (settings.profile().isEmpty() && settings.webIdentity().isPresent()) {
      AwsSettings.WebIdentity web = settings.webIdentity().get();
      return new Source(
          webIdentity(web.roleArn(), web.tokenFile(), web.sessionName()),
          "web identity: role "
              + web.roleArn()
              + " with the token in "
              + web.tokenFile()
              + " (AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE)");
    }
    if (settings.profile().isPresent()) {
      String name = settings.profile().get();
      return new Source(profile(name, files(), new ArrayList<>()), "profile '" + name + "'");
    }
    return new Source(
        DefaultCredentialsProvider.builder().build(),
        "the default chain (environment variables, the default profile, web identity, container"
            + " and instance credentials)");
  }

  /** The region a named profile sets, when the environment sets none. */
  Optional<String> profileRegion() {
    if (settings.profile().isEmpty()) {
      return Optional.empty();
    }
    try {
      return files().profile(settings.profile().get()).flatMap(p -> p.property("region"));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private AwsCredentialsProvider profile(String name, ProfileFile file, List<String> seen) {
    if (seen.contains(name)) {
      throw new SignInFailure(
          "profile '" + name + "' takes its credentials from itself through " + seen, null);
    }
    seen.add(name);
    Profile profile =
        file.profile(name)
            .orElseThrow(
                () ->
                    new SignInFailure(
                        "profile '" + name + "' is in no AWS config or credentials file" + where(),
                        null));
    Optional<String> role = profile.property("role_arn");
    if (role.isEmpty()) {
      // Keys, Identity Center or credential_process: the SDK's own provider knows them all.
      return ProfileCredentialsProvider.builder().profileFile(file).profileName(name).build();
    }
    Optional<String> tokenFile = profile.property("web_identity_token_file");
    if (tokenFile.isPresent()) {
      return webIdentity(
          role.get(), Path.of(tokenFile.get()), profile.property("role_session_name"));
    }
    AwsCredentialsProvider source = source(name, profile, file, seen);
    StsClient client = sts.apply(source);
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(client)
        .refreshRequest(
            r -> {
              r.roleArn(role.get())
                  .roleSessionName(profile.property("role_session_name").orElse(SESSION_NAME));
              profile.property("external_id").ifPresent(r::externalId);
              profile
                  .property("duration_seconds")
                  .map(Integer::valueOf)
                  .ifPresent(r::durationSeconds);
            })
        .build();
  }

  /** The credentials a role profile assumes its role with. */
  private AwsCredentialsProvider source(
      String name, Profile profile, ProfileFile file, List<String> seen) {
    Optional<String> sourceProfile = profile.property("source_profile");
    if (sourceProfile.isPresent()) {
      if (sourceProfile.get().equals(name)) {
        return StaticCredentialsProvider.create(
            AwsBasicCredentials.create(
                profile.property("aws_access_key_id").orElse(""),
                profile.property("aws_secret_access_key").orElse("")));
      }
      return profile(sourceProfile.get(), file, seen);
    }
    String credentialSource =
        profile
            .property("credential_source")
            .orElseThrow(
                () ->
                    new SignInFailure(
                        "profile '"
                            + name
                            + "' has a role_arn but neither source_profile nor credential_source",
                        null));
    return switch (credentialSource) {
      case "Environment" -> EnvironmentVariableCredentialsProvider.create();
      case "Ec2InstanceMetadata" -> InstanceProfileCredentialsProvider.create();
      case "EcsContainer" -> ContainerCredentialsProvider.builder().build();
      default ->
          throw new SignInFailure(
              "profile '"
                  + name
                  + "' has credential_source '"
                  + credentialSource
                  + "'; use Environment, Ec2InstanceMetadata or EcsContainer",
              null);
    };
  }

  private AwsCredentialsProvider webIdentity(
      String role, Path tokenFile, Optional<String> sessionName) {
    return StsAssumeRoleWithWebIdentityCredentialsProvider.builder()
        .stsClient(sts.apply(AnonymousCredentialsProvider.create()))
        .refreshRequest(
            () ->
                AssumeRoleWithWebIdentityRequest.builder()
                    .roleArn(role)
                    .roleSessionName(sessionName.orElse(SESSION_NAME))
                    .webIdentityToken(token(tokenFile))
                    .build())
        .build();
  }

  /** Read at every refresh: the platform rotates the token in place. */
  private static String token(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new SignInFailure("cannot read the web identity token " + file + ": " + e, e);
    }
  }

  /**
   * The profile files the environment names, else the SDK's default places; read once, as both the
   * region and the credentials look in them.
   */
  private ProfileFile files() {
    if (files == null) {
      files = readFiles();
    }
    return files;
  }

  private ProfileFile readFiles() {
    ProfileFile.Aggregator all = ProfileFile.aggregator();
    settings
        .files()
        .config()
        .or(ProfileFileLocation::configurationFileLocation)
        .filter(Files::isRegularFile)
        .ifPresent(p -> all.addFile(file(p, ProfileFile.Type.CONFIGURATION)));
    settings
        .files()
        .credentials()
        .or(ProfileFileLocation::credentialsFileLocation)
        .filter(Files::isRegularFile)
        .ifPresent(p -> all.addFile(file(p, ProfileFile.Type.CREDENTIALS)));
    return all.build();
  }

  private static ProfileFile file(Path path, ProfileFile.Type type) {
    return ProfileFile.builder().content(path).type(type).build();
  }

  private String where() {
    List<String> places = new ArrayList<>();
    settings.files().config().ifPresent(p -> places.add(p.toString()));
    settings.files().credentials().ifPresent(p -> places.add(p.toString()));
    return places.isEmpty()
        ? " (~/.aws/config, ~/.aws/credentials)"
        : " (" + String.join(", ", places) + ")";
  }

  /**
   * Resolves the credentials once, so that a command fails at once, saying where it looked, rather
   * than on its first call to AWS.
   *
   * @throws SignInFailure naming the source and what went wrong
   */
  static void check(Source source) {
    try {
      source.provider().resolveCredentials();
    } catch (SignInFailure e) {
      throw e;
    } catch (AwsServiceException e) {
      throw new SignInFailure(
          "cannot sign in to AWS with " + source.description() + ": " + AwsCall.describe("STS", e),
          e);
    } catch (SdkException | IllegalArgumentException | IllegalStateException e) {
      throw new SignInFailure(
          "cannot sign in to AWS with " + source.description() + ": " + e.getMessage(), e);
    }
  }
}
