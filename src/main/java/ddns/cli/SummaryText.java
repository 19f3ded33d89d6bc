package ddns.cli;

import ddns.run.Summary;
import ddns.run.Summary.InstanceOutcome;
import java.util.stream.Collectors;

/** A summary as people read it: the changes as a table, then alerts, notes and figures. */
final class SummaryText {
  private SummaryText() {}

  static String render(Summary summary) {
    StringBuilder out = new StringBuilder();
    out.append(summary.dryRun() ? "Plan (dry run: nothing was changed)\n\n" : "Changes made\n\n");
    TextTable changes =
        new TextTable("ACTION", "ZONE", "NAME", "TYPE", "TTL", "VALUES", "INSTANCE");
    for (InstanceOutcome i : summary.instances()) {
      i.changes()
          .forEach(
              c ->
                  changes.row(
                      c.action(),
                      c.zone(),
                      c.name(),
                      c.type(),
                      Long.toString(c.ttl()),
                      String.join(" ", c.values()),
                      i.instanceId()));
    }
    out.append(changes.isEmpty() ? "(none: DNS and the registry are in line)\n" : changes.render());
    for (InstanceOutcome i : summary.instances()) {
      i.zoneActions()
          .forEach(
              a ->
                  out.append("zone action for ")
                      .append(i.instanceId())
                      .append(": ")
                      .append(a)
                      .append('\n'));
      i.alerts()
          .forEach(
              a ->
                  out.append("alert ")
                      .append(i.instanceId())
                      .append(" ")
                      .append(a.kind())
                      .append(": ")
                      .append(a.message())
                      .append('\n'));
      i.notes()
          .forEach(
              n -> out.append("note ").append(i.instanceId()).append(": ").append(n).append('\n'));
      if (i.error() != null) {
        out.append("FAILED ").append(i.instanceId()).append(": ").append(i.error()).append('\n');
      }
    }
    summary.notes().forEach(n -> out.append(n).append('\n'));
    out.append(
        summary.metrics().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" ", "figures: ", "\n")));
    out.append("AWS API calls: ")
        .append(summary.apiCallsTotal())
        .append(' ')
        .append(summary.apiCalls())
        .append('\n');
    return out.toString();
  }
}
