package ddns.cli;

import ddns.facts.Workplace;
import ddns.run.Scope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      description = {
        "The region to work in (instead of AWS_REGION or AWS_DEFAULT_REGION). For reconcile",
        "and plan of a tool that serves other regions (DDNS_REGIONS), the region whose",
        "instances to look at; the tool's own region stays AWS_REGION's."
      })
  String region;

  @Option(
      names = "--stack",
      paramLabel = "NAME",
      description = {
        "The deployed route53-ddns stack to act for (DDNS_STACK): its function's settings",
        "(table, topic, zones, policy, accounts...) replace the DDNS_* variables, so the",
        "command works on the same registry as the Lambda."
      })
  String stack;

  @Option(
      names = "--create-table",
      description = {
        "Create the registry table DDNS_TABLE (default DDNS) if it is missing, in AWS too.",
        "Without a stack or DDNS_TABLE, a command against AWS that would create it refuses."
      })
  boolean createTable;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Send every AWS call to this URL, such as a local emulator (AWS_ENDPOINT_URL).")
  String endpointUrl;

  /** The command's environment with these options applied. */
  Map<String, String> environment(CommandSpec spec) {
    return environment(spec, false);
  }

  /**
   * @param regionPicksWorkplaces {@code --region} names the region to look at when the tool serves
   *     other accounts or regions, rather than the tool's own (reconcile, plan)
   */
  Map<String, String> environment(CommandSpec spec, boolean regionPicksWorkplaces) {
    return settings(spec, awsEnvironment(spec, regionPicksWorkplaces));
  }

  /** The command's environment with the AWS options applied, and nothing read from a stack. */
  Map<String, String> awsEnvironment(CommandSpec spec, boolean regionPicksWorkplaces) {
    Map<String, String> env = new HashMap<>(Main.environment(spec));
    boolean picks = regionPicksWorkplaces && servesOthers(env);
    if (profile != null) {
      KEYS.forEach(env::remove);
      env.put("AWS_PROFILE", profile);
    }
    if (region != null && !picks) {
      env.remove("AWS_DEFAULT_REGION");
      env.put("AWS_REGION", region);
    }
    if (endpointUrl != null) {
      env.put("AWS_ENDPOINT_URL", endpointUrl);
    }
    return env;
  }

  /** The stack named by {@code --stack}, else by {@code DDNS_STACK}, in {@code env}; or empty. */
  String stackName(Map<String, String> env) {
    return StackSettings.stackName(stack, env);
  }

  /**
   * The stack's function's settings over {@code env} when a stack is named; else {@code env} as it
   * is, unless it would create a registry table in AWS unasked ({@link TableGuard}).
   *
   * @throws IllegalArgumentException when the table guard refuses, or the stack is not found
   */
  private Map<String, String> settings(CommandSpec spec, Map<String, String> env) {
    String stackName = StackSettings.stackName(stack, env);
    if (!stackName.isEmpty()) {
      return StackSettings.apply(env, stackName, spec.commandLine().getErr());
    }
    if (createTable) {
      env.put("DDNS_CREATE_TABLE", "true");
    }
    TableGuard.refusal(env, createTable)
        .ifPresent(
            reason -> {
              throw new IllegalArgumentException(reason);
            });
    return env;
  }

  /**
   * Which workplaces a reconcile or plan looks at: {@code --account}, and {@code --region} when it
   * picks a workplace.
   *
   * @throws IllegalArgumentException naming the option, when one cannot be used
   */
  Scope scope(Map<String, String> env, String account) {
    boolean others = servesOthers(env);
    if (account != null) {
      if (!Workplace.isAccount(account)) {
        throw new IllegalArgumentException(
            "--account '" + account + "' is not an AWS account id (12 digits)");
      }
      if (!others) {
        throw new IllegalArgumentException(
            "--account picks one of the accounts the tool serves; set DDNS_ACCOUNTS first");
      }
    }
    if (others && region != null && !Workplace.isRegion(region)) {
      throw new IllegalArgumentException("--region '" + region + "' is not an AWS region");
    }
    return new Scope(
        Optional.ofNullable(account), others ? Optional.ofNullable(region) : Optional.empty());
  }

  private static boolean servesOthers(Map<String, String> env) {
    return List.of("DDNS_ACCOUNTS", "DDNS_REGIONS").stream()
        .anyMatch(name -> env.get(name) != null && !env.get(name).isBlank());
  }
}
