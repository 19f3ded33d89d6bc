package ddns.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ddns reconcile}: repair drift between running instances, the registry and DNS. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    header = "Repair drift between running instances, the registry and DNS.",
    description = {
      "Compare every running instance, the registry and the managed zones, and repair the drift:",
      "records missing for running instances, records and registry items left by instances that",
      "no longer run, records out of date (address, tag or TTL changed). Never touches a record",
      "this tool did not write. The first run after installation registers the existing fleet."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "1:failed after retries", "2:invalid settings"})
final class ReconcileCommand implements Callable<Integer> {

  @Option(names = "--dry-run", description = "Print the plan; change nothing.")
  boolean dryRun;

  @Option(
      names = "--account",
      paramLabel = "ACCOUNT",
      description = "Only the instances of this account (one the tool serves: DDNS_ACCOUNTS).")
  String account;

  @Mixin AppOptions options;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return options.summariseIn(spec, dryRun, account, (app, scope) -> app.reconcile(dryRun, scope));
  }
}
