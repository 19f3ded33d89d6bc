package ddns.cli;

import ddns.app.Application;
import ddns.facts.InstanceId;
import ddns.run.Explanation;
import ddns.run.Scope;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ddns plan --instance-id}: what the tool would do for one instance now, and why. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    header = "Show what the tool would do for one instance now, and why.",
    description = {
      "Show what the tool would do for one instance now, and why: which tag or DHCP domain led to",
      "which record, what was skipped and for what reason, and the changes still needed.",
      "Changes nothing. The first thing to run when a name is missing."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:shown", "1:AWS calls failed", "2:invalid input or settings"})
final class PlanCommand implements Callable<Integer> {

  @Option(
      names = "--instance-id",
      required = true,
      paramLabel = "ID",
      description = "The instance (i-…, or ACCOUNT/REGION/i-… as the summaries name it).")
  String instanceId;

  @Option(
      names = "--account",
      paramLabel = "ACCOUNT",
      description =
          "The account the instance runs in, when the tool serves others (DDNS_ACCOUNTS).")
  String account;

  @Mixin AppOptions options;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!InstanceId.isValid(instanceId)) {
      spec.commandLine()
          .getErr()
          .println("ddns: --instance-id '" + instanceId + "' is not an instance id (i-…)");
      return Main.INVALID_INPUT;
    }
    var out = spec.commandLine().getOut();
    Map<String, String> env = options.aws.environment(spec, true);
    Scope scope;
    try {
      scope = options.aws.scope(env, account);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("ddns: " + e.getMessage());
      return Main.INVALID_INPUT;
    }
    return AppOptions.withApp(
        env,
        AppOptions.config(env, true),
        (Application app) -> {
          Explanation e =
              app.explain(
                  InstanceId.isValid(instanceId)
                          && InstanceId.of(instanceId).workplace().isPresent()
                      ? InstanceId.of(instanceId)
                      : app.instanceIn(instanceId, scope));
          options.print(out, app, e, PlanCommand::render);
          return e.error() == null ? 0 : 1;
        });
  }

  static String render(Explanation e) {
    StringBuilder out = new StringBuilder();
    out.append("Instance ").append(e.instanceId()).append(": ").append(e.state()).append('\n');
    e.facts().forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
    e.tags().forEach((k, v) -> out.append("  tag ").append(k).append(" = ").append(v).append('\n'));
    out.append("\nRecords it should have\n");
    TextTable records = new TextTable("ZONE", "NAME", "TYPE", "VALUES", "BECAUSE");
    e.records()
        .forEach(
            r ->
                records.row(
                    r.zone(), r.name(), r.type(), String.join(" ", r.values()), r.reason()));
    out.append(records.isEmpty() ? "(none)\n" : records.render());
    if (!e.zoneActions().isEmpty()) {
      out.append("\nZone actions first\n");
      e.zoneActions().forEach(a -> out.append("  ").append(a).append('\n'));
    }
    if (!e.notes().isEmpty() || !e.alerts().isEmpty()) {
      out.append("\nSkipped, and why\n");
      e.alerts()
          .forEach(
              a -> out.append("  ").append(a.kind()).append(": ").append(a.message()).append('\n'));
      e.notes().forEach(n -> out.append("  ").append(n).append('\n'));
    }
    out.append("\nChanges still needed\n");
    TextTable changes = new TextTable("ACTION", "ZONE", "NAME", "TYPE", "VALUES");
    e.changes()
        .forEach(
            c ->
                changes.row(
                    c.action(), c.zone(), c.name(), c.type(), String.join(" ", c.values())));
    out.append(changes.isEmpty() ? "(none: DNS is as it should be)\n" : changes.render());
    if (e.error() != null) {
      out.append("\nFAILED: ").append(e.error()).append('\n');
    }
    return out.toString();
  }
}
