package ddns.cli;

import ddns.app.Application;
import ddns.aws.AwsClients;
import ddns.config.Config;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Options shared by the commands that talk to AWS, and building the application from them. */
final class AppOptions {
  enum Output {
    table,
    json
  }

  @Option(
      names = "--output",
      defaultValue = "table",
      paramLabel = "FORMAT",
      description = "table (default) or json.")
  Output output;

  /** Prints {@code value} as JSON or, for tables, as {@code text} renders it. */
  <T> void print(java.io.PrintWriter out, Application app, T value, Function<T, String> text) {
    try {
      out.print(
          output == Output.json ? app.json().writeValueAsString(value) + "\n" : text.apply(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("summary not serialisable", e);
    }
    out.flush();
  }

  /** Runs {@code job} on an application built from the environment; settings errors exit 2. */
  static <T> T withApp(boolean dryRun, Function<Application, T> job) {
    return withApp(config(dryRun), job);
  }

  /** The settings from the environment; a bad one throws {@link ddns.config.ConfigException}. */
  static Config config(boolean dryRun) {
    Config config = Config.fromEnvironment(System.getenv());
    return dryRun ? config.withDryRun(true) : config;
  }

  /** Runs {@code job} on an application with these settings, closing its clients after. */
  static <T> T withApp(Config config, Function<Application, T> job) {
    try (Application app = new Application(config, new AwsClients(), System.err)) {
      return job.apply(app);
    }
  }
}
