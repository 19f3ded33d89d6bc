package ddns.run;

import ddns.apply.ZoneActions;
import ddns.facts.BatchFacts;
import ddns.facts.InstanceId;
import ddns.job.RunContext;
import ddns.plan.InstanceDecider;
import ddns.plan.Intent;
import ddns.plan.ZoneAction;
import ddns.run.Pipeline.Subject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stages up to the changes: number the instances that ask for it, read the batch's facts once,
 * decide and plan each instance from them, make the zones and associations the records need, and,
 * if any were made (or, in a dry run, would be), plan once more from the facts with those zones.
 */
final class BatchPlanning {
  private final GroupNumbering numbering;
  private final FactsStage facts;
  private final InstanceDecider decider;
  private final ReverseJoins reverseJoins;
  private final ZoneActions zoneActions;

  BatchPlanning(
      GroupNumbering numbering,
      FactsStage facts,
      InstanceDecider decider,
      ReverseJoins reverseJoins,
      ZoneActions zoneActions) {
    this.numbering = numbering;
    this.facts = facts;
    this.decider = decider;
    this.reverseJoins = reverseJoins;
    this.zoneActions = zoneActions;
  }

  /** What planning a batch came to: each instance's decision, and what the zone actions did. */
  record Planned(List<Decision> decisions, ZoneActions.Result zones) {
    Planned {
      decisions = List.copyOf(decisions);
    }

    /** What the batch should do, per instance not failed or skipped. */
    List<Intent> intents() {
      return decisions.stream().flatMap(d -> d.intent().stream()).toList();
    }
  }

  Planned plan(List<Subject> subjects, RunContext context) {
    GroupNumbering.Numbered numbered = numbering.assign(subjects, context);
    BatchFacts read = facts.gather(numbered.subjects());
    List<Decision> decisions = decide(numbered, read);
    ZoneActions.Result zones = zoneActions.apply(zoneActionsOf(decisions), context);
    if (zones.changed()) {
      decisions = decide(numbered, read.withZones(zones.created(), zones.associated()));
    }
    return new Planned(decisions, zones);
  }

  private List<Decision> decide(GroupNumbering.Numbered numbered, BatchFacts read) {
    return reverseJoins.check(
        numbered.subjects().stream()
            .map(
                s -> {
                  Decision d =
                      Decision.of(
                          s.id(),
                          s.trigger(),
                          s.facts(),
                          decider.decide(s.id(), s.trigger().occasion(), read));
                  String failure = numbered.failures().get(s.id());
                  return failure == null ? d : d.failed(failure);
                })
            .toList());
  }

  private static Map<InstanceId, List<ZoneAction>> zoneActionsOf(List<Decision> decisions) {
    Map<InstanceId, List<ZoneAction>> needed = new LinkedHashMap<>();
    decisions.forEach(
        d -> {
          if (!d.zoneActions().isEmpty()) {
            needed.put(d.id(), d.zoneActions());
          }
        });
    return needed;
  }
}
