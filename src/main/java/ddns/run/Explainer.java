package ddns.run;

import ddns.apply.Deadline;
import ddns.dns.DesiredRecord;
import ddns.dns.RecordKey;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.failure.ServiceFailure;
import ddns.job.Mode;
import ddns.job.RunContext;
import ddns.plan.InstancePlan;
import ddns.run.Explanation.RecordReason;
import ddns.run.Pipeline.Subject;
import ddns.run.Summary.InstanceOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the tool would do for one instance now, and why: the stages as a dry run, explained. */
final class Explainer {
  private final InstanceSource ec2;
  private final Pipeline pipeline;

  Explainer(InstanceSource ec2, Pipeline pipeline) {
    this.ec2 = ec2;
    this.pipeline = pipeline;
  }

  Explanation explain(InstanceId id) {
    InstanceResult result = planned(id);
    Decision decision = result.decision();
    InstanceOutcome outcome = result.outcome();
    Map<String, String> tags = decision.facts().map(InstanceFacts::tags).orElse(Map.of());
    return new Explanation(
        id.value(),
        decision.state(),
        decision.facts().map(FactSheet::of).orElse(Map.of()),
        new TreeMap<>(tags),
        decision.plan().map(p -> reasons(p, result.accepted())).orElse(List.of()),
        outcome.zoneActions(),
        outcome.notes(),
        outcome.alerts(),
        outcome.changes(),
        outcome.error());
  }

  private InstanceResult planned(InstanceId id) {
    Trigger trigger = Trigger.plan();
    try {
      Optional<InstanceFacts> facts = Optional.ofNullable(ec2.describe(List.of(id)).get(id));
      // As the instance's event would be handled, changing nothing.
      return pipeline
          .run(
              List.of(new Subject(id, trigger, facts)),
              new RunContext(Mode.EVENT, true),
              Deadline.none())
          .get(0);
    } catch (ServiceFailure e) {
      return InstanceResult.failedBeforePlanning(id, trigger, e.getMessage());
    }
  }

  /** Each planned record with its rule; refused ones marked, retargeted pointers shown as kept. */
  private static List<RecordReason> reasons(
      InstancePlan plan, Optional<List<DesiredRecord>> accepted) {
    Map<RecordKey, DesiredRecord> kept = new HashMap<>();
    accepted.ifPresent(records -> records.forEach(r -> kept.put(r.key(), r)));
    List<RecordReason> records = new ArrayList<>();
    for (DesiredRecord r : plan.records()) {
      DesiredRecord shown = kept.getOrDefault(r.key(), r);
      String reason = plan.reasons().getOrDefault(r.key(), "");
      if (accepted.isPresent() && !kept.containsKey(r.key())) {
        reason = "REFUSED (see below); rule: " + reason;
      } else if (!shown.content().equals(r.content())) {
        reason = reason + "; points at the next name, as the one it would name was refused";
      }
      records.add(
          new RecordReason(
              r.zoneName().value(),
              r.key().name().value(),
              r.key().type().name(),
              shown.content().values(),
              reason));
    }
    return records;
  }
}
