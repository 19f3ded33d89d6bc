package ddns.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ddns adopt}: take over records that hold exactly what the tool would write. */
@Command(
    name = "adopt",
    mixinStandardHelpOptions = true,
    header = "Take over records that hold exactly what the tool would write.",
    description = {
      "A reconcile run that takes ownership of existing records holding exactly what the tool would",
      "write for a running instance (same name, type and values; the TTL becomes the tool's), and",
      "that no instance claims: records the AWS sample wrote, or this tool before its registry was",
      "lost. Every other record in the way is reported as usual and left untouched."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "1:failed after retries", "2:invalid settings"})
final class AdoptCommand implements Callable<Integer> {

  @Option(names = "--dry-run", description = "Print what would be adopted; change nothing.")
  boolean dryRun;

  @Mixin AppOptions options;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return options.summarise(spec, dryRun, app -> app.adopt(dryRun));
  }
}
