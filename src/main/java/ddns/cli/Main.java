package ddns.cli;

import ddns.config.Config;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ddns} command line: the Lambda's code, run by hand or by scripts. */
@Command(
    name = "ddns",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Dynamic DNS for Amazon Route 53, driven by EC2 instance state changes.",
      "",
      "AWS endpoint, region and credentials come from the AWS SDK's standard chain.",
      "Set AWS_REGION and credentials; set AWS_ENDPOINT_URL to use a local emulator.",
      "Settings are DDNS_* environment variables: see 'ddns config'."
    },
    subcommands = {
      HandleCommand.class,
      ReconcileCommand.class,
      PlanCommand.class,
      Main.ConfigHelp.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:done (also when there was nothing to do)",
      "1:failed after retries",
      "2:invalid input or settings"
    })
public final class Main implements Runnable {
  static final int INVALID_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          command.getErr().println("ddns: " + e.getMessage());
          return e instanceof IllegalArgumentException ? INVALID_INPUT : 1;
        });
    cli.setParameterExceptionHandler(
        (e, args) -> {
          e.getCommandLine().getErr().println("ddns: " + e.getMessage());
          e.getCommandLine().usage(e.getCommandLine().getErr());
          return INVALID_INPUT;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code ddns config}: every setting with its default and current value. */
  @Command(
      name = "config",
      description = "Show every DDNS_* setting: its default and its value here.")
  static final class ConfigHelp implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      Map<String, String> env = System.getenv();
      var out = spec.commandLine().getOut();
      out.printf("%-26s %-42s %s%n", "VARIABLE", "DEFAULT", "VALUE HERE");
      new TreeMap<>(Config.VARIABLES)
          .forEach(
              (name, fallback) ->
                  out.printf(
                      "%-26s %-42s %s%n",
                      name,
                      fallback.isEmpty() ? "(empty)" : fallback,
                      env.getOrDefault(name, "(default)")));
      Config.fromEnvironment(env);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"route53-ddns " + (version == null ? "development build" : version)};
    }
  }
}
