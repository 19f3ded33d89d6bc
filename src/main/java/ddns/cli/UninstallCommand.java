package ddns.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ddns adopt}: take over records that hold exactly what the tool would write. */
@Command(
    name = "uninstall",
    mixinStandardHelpOptions = true,
    header = "Remove every record the tool wrote, its registry, and the reverse zones it created.",
    description = {
      "Deletes every record route53-ddns wrote, for running instances too (a record changed by",
      "hand is left and reported), empties the registry, and deletes the reverse zones it created",
      "where nothing else is left. Zones it did not create, and records it did not write, stay.",
      "Delete the stack (or stop the events) first, or new events write records again."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "1:failed after retries", "2:invalid settings"})
final class UninstallCommand implements Callable<Integer> {

  @Option(names = "--dry-run", description = "Print what would be removed; change nothing.")
  boolean dryRun;

  @Mixin AppOptions options;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return options.summarise(spec, dryRun, app -> app.uninstall(dryRun));
  }
}
