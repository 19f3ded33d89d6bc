package ddns.cli;

import ddns.config.Config;
import ddns.config.Settings;
import java.util.Map;
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
      "AWS endpoint, region and credentials are read as the AWS CLI reads them:",
      "--endpoint-url, --region and --profile on every command, else AWS_ENDPOINT_URL",
      "(a local emulator), AWS_REGION or AWS_DEFAULT_REGION, the access-key variables,",
      "AWS_PROFILE (any profile kind: keys, role_arn, web identity, IAM Identity Center,",
      "credential_process), then the AWS SDK's default chains.",
      "Settings are DDNS_* environment variables: see 'ddns config'; with --stack NAME (or",
      "DDNS_STACK), those of the function that stack deployed."
    },
    subcommands = {
      HandleCommand.class,
      ReconcileCommand.class,
      AdoptCommand.class,
      UninstallCommand.class,
      PlanCommand.class,
      StatusCommand.class,
      RedriveCommand.class,
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

  private final Map<String, String> env;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private Main(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /**
   * The command line, reading its settings (DDNS_* and AWS_*) from {@code env} rather than from the
   * process, so that a caller can run it with an environment of its own.
   */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cli = new CommandLine(new Main(env));
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

  /** The environment the command line was given, seen from any of its subcommands. */
  static Map<String, String> environment(CommandLine.Model.CommandSpec spec) {
    return ((Main) spec.root().userObject()).env;
  }

  /** {@code ddns config}: every setting with its default and current value. */
  @Command(
      name = "config",
      header = "Show every DDNS_* setting: default, value here, meaning.",
      description = "Show every DDNS_* setting: its default, its value here and its meaning.")
  static final class ConfigHelp implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      Map<String, String> env = environment(spec);
      var out = spec.commandLine().getOut();
      TextTable table = new TextTable("VARIABLE", "DEFAULT", "VALUE HERE", "MEANING");
      for (Settings.Setting s : Settings.ALL) {
        table.row(
            s.name(),
            s.fallback().isEmpty() ? "(empty)" : s.fallback(),
            env.getOrDefault(s.name(), "(default)"),
            s.meaning());
      }
      out.print(table.render());
      out.flush(); // the JVM exits right after; print does not flush
      Config.fromEnvironment(env);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "route53-ddns " + (version == null ? "(run from classes, not from the built jar)" : version)
      };
    }
  }
}
