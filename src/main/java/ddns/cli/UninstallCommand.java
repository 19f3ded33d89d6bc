package ddns.cli;

import ddns.aws.cloudformation.DeployedStack;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ddns uninstall}: remove every record the tool wrote, its registry and created zones. */
@Command(
    name = "uninstall",
    mixinStandardHelpOptions = true,
    header = "Remove every record the tool wrote, its registry, and the reverse zones it created.",
    description = {
      "Deletes every record route53-ddns wrote, for running instances too (a record changed by",
      "hand is left and reported), empties the registry, and deletes the reverse zones it created",
      "where nothing else is left. Zones it did not create, and records it did not write, stay.",
      "With --stack, first switches off the stack's rules and schedule (EventBridge DisableRule)",
      "and its queue trigger, so that nothing writes records again meanwhile, and says on stderr",
      "what is left to delete. Without a stack, stop the events first (or delete the stack)."
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
    Map<String, String> aws = options.aws.awsEnvironment(spec, false);
    String name = options.aws.stackName(aws);
    if (name.isEmpty()) {
      return options.summarise(spec, dryRun, app -> app.uninstall(dryRun));
    }
    PrintWriter err = spec.commandLine().getErr();
    try (OperatorStack stack = OperatorStack.open(aws, name, "uninstall")) {
      switchOff(stack, err);
      int status = options.summarise(spec, dryRun, app -> app.uninstall(dryRun));
      whatIsLeft(stack, err);
      return status;
    }
  }

  /** The stack's rules (events and schedule) and its queue trigger, off before anything else. */
  private void switchOff(OperatorStack stack, PrintWriter err) {
    String verb = dryRun ? "would disable" : "disabled";
    var rules = stack.services.rules();
    for (DeployedStack.Resource rule : stack.stack.ofType("AWS::Events::Rule")) {
      if (!dryRun) {
        rules.disable(rule.physicalId());
      }
      err.println("ddns: " + verb + " rule " + rule.physicalId() + " (" + rule.logicalId() + ")");
    }
    var functions = stack.services.functions();
    for (DeployedStack.Resource trigger : stack.stack.ofType("AWS::Lambda::EventSourceMapping")) {
      if (!dryRun) {
        functions.disableEventSource(trigger.physicalId());
      }
      err.println(
          "ddns: "
              + verb
              + " queue trigger "
              + trigger.physicalId()
              + " ("
              + trigger.logicalId()
              + ")");
    }
    err.flush();
  }

  private static void whatIsLeft(OperatorStack stack, PrintWriter err) {
    String name = stack.stack.name();
    err.println("ddns: left to delete:");
    err.println("  the stack, its rules off: aws cloudformation delete-stack --stack-name " + name);
    stack
        .stack
        .output("RegistryTableName")
        .ifPresent(
            table ->
                err.println(
                    "  the registry table, kept by the stack's deletion and protected:"
                        + " aws dynamodb update-table --table-name "
                        + table
                        + " --no-deletion-protection-enabled && aws dynamodb delete-table"
                        + " --table-name "
                        + table));
    var queues = stack.services.queues();
    stack
        .stack
        .output("EventQueueUrl")
        .ifPresent(
            url ->
                err.println(
                    "  events still queued (deleted with the stack, never handled now): "
                        + queues.depth(url).waiting()));
    err.flush();
  }
}
