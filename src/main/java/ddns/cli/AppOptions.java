package ddns.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ddns.app.Application;
import ddns.aws.AwsSettings;
import ddns.aws.Retries;
import ddns.config.Config;
import ddns.run.Scope;
import ddns.run.Summary;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options shared by the commands that talk to AWS, and building the application from them. */
final class AppOptions {
  enum Output {
    table,
    json
  }

  @Mixin AwsOptions aws;

  @Option(
      names = "--output",
      defaultValue = "table",
      paramLabel = "FORMAT",
      description = "table (default) or json.")
  Output output;

  /** Prints {@code value} as JSON or, for tables, as {@code text} renders it. */
  <T> void print(PrintWriter out, Application app, T value, Function<T, String> text) {
    print(out, app.json(), value, text);
  }

  /** The same with a JSON writer of one's own (no application built). */
  <T> void print(PrintWriter out, ObjectMapper json, T value, Function<T, String> text) {
    try {
      out.print(output == Output.json ? json.writeValueAsString(value) + "\n" : text.apply(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("summary not serialisable", e);
    }
    out.flush();
  }

  /**
   * Runs a whole-account job (adopt, uninstall) with the command's environment, prints its summary
   * as a table or JSON, and answers its exit status.
   */
  int summarise(CommandSpec spec, boolean dryRun, Function<Application, Summary> job) {
    return summarise(spec, aws.environment(spec), dryRun, job);
  }

  /** A reconcile run over the accounts and regions {@code --account} and {@code --region} pick. */
  int summariseIn(
      CommandSpec spec,
      boolean dryRun,
      String account,
      BiFunction<Application, Scope, Summary> job) {
    Map<String, String> env = aws.environment(spec, true);
    Scope scope;
    try {
      scope = aws.scope(env, account);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("ddns: " + e.getMessage());
      return Main.INVALID_INPUT;
    }
    return summarise(spec, env, dryRun, app -> job.apply(app, scope));
  }

  private int summarise(
      CommandSpec spec,
      Map<String, String> env,
      boolean dryRun,
      Function<Application, Summary> job) {
    PrintWriter out = spec.commandLine().getOut();
    return withApp(
        env,
        config(env, dryRun),
        app -> {
          Summary summary = job.apply(app);
          print(out, app, summary, SummaryText::render);
          return summary.exitStatus();
        });
  }

  /** The settings from the environment; a bad one throws {@link ddns.config.ConfigException}. */
  static Config config(Map<String, String> env, boolean dryRun) {
    Config config = Config.fromEnvironment(env);
    return dryRun ? config.withDryRun(true) : config;
  }

  /**
   * Runs {@code job} on an application with these settings, closing its clients after. The
   * credentials are resolved first: without them the command stops at once (exit 1), saying where
   * it looked, instead of failing every instance it would handle.
   */
  static <T> T withApp(Map<String, String> env, Config config, Function<Application, T> job) {
    try (Application app =
        new Application(
            config,
            Application.clients(config, AwsSettings.fromEnvironment(env), Retries.standard()),
            System.err)) {
      app.checkCredentials();
      return job.apply(app);
    }
  }
}
