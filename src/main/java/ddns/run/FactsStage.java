package ddns.run;

import ddns.facts.BatchFacts;
import ddns.facts.FactsReader;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.plan.InstanceDecider;
import ddns.plan.Occasion;
import ddns.run.Pipeline.Subject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts stage: one {@link BatchFacts} per batch, read before anything is decided. The zones and
 * VPC settings are read for the instances whose records are planned only; a VPC's DNS support only
 * where the planner would put records in a private zone, the only records it changes
 * (docs/behaviour.md, "Records").
 */
final class FactsStage {
  private final FactsReader reader;
  private final InstanceDecider decider;
  private final Clock clock;

  FactsStage(FactsReader reader, InstanceDecider decider, Clock clock) {
    this.reader = reader;
    this.decider = decider;
    this.clock = clock;
  }

  BatchFacts gather(List<Subject> subjects) {
    List<InstanceFacts> found = new ArrayList<>();
    List<InstanceFacts> planned = new ArrayList<>();
    Map<InstanceId, Occasion> occasions = new LinkedHashMap<>();
    for (Subject s : subjects) {
      occasions.put(s.id(), s.trigger().occasion());
      s.facts()
          .ifPresent(
              f -> {
                found.add(f);
                if (InstanceDecider.registers(f, s.trigger().occasion())) {
                  planned.add(f);
                }
              });
    }
    BatchFacts facts = reader.read(clock.instant(), found, planned);
    return reader.withDnsSupport(facts, decider.dnsSupportNeeded(occasions, facts));
  }
}
