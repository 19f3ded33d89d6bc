package ddns.run;

import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.plan.Action;
import ddns.plan.InstanceDecision;
import ddns.plan.InstancePlan;
import ddns.plan.Intent;
import ddns.plan.ZoneAction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The planning stage's value for one instance: why it was looked at, what EC2 says, and what the
 * planner decided ({@link InstanceDecision}: the action its current state calls for, never the
 * event's state, and, for a running instance, the records it should have). A failure here (EC2 or
 * Route 53 could not be read) ends the instance's handling.
 *
 * @param state EC2's state, or {@code unknown to EC2}
 */
record Decision(
    InstanceId id,
    Trigger trigger,
    Optional<InstanceFacts> facts,
    Action action,
    String state,
    Optional<InstancePlan> plan,
    List<String> notes,
    Optional<String> failure) {

  static final String UNKNOWN = InstanceDecision.UNKNOWN;

  Decision {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(trigger, "trigger == null");
    Objects.requireNonNull(action, "action == null");
    notes = List.copyOf(notes);
  }

  static Decision of(
      InstanceId id, Trigger trigger, Optional<InstanceFacts> facts, InstanceDecision decided) {
    return new Decision(
        id,
        trigger,
        facts,
        decided.action(),
        decided.state(),
        decided.plan(),
        decided.notes(),
        decided.failure());
  }

  Decision failed(String error) {
    return new Decision(
        id, trigger, facts, action, state, plan, notes, failure.or(() -> Optional.of(error)));
  }

  Decision withNote(String note) {
    List<String> more = new java.util.ArrayList<>(notes);
    more.add(note);
    return new Decision(id, trigger, facts, action, state, plan, more, failure);
  }

  /** The same decision with the plan a later check left of this one's. */
  Decision replanned(InstancePlan changed) {
    return new Decision(id, trigger, facts, action, state, Optional.of(changed), notes, failure);
  }

  boolean isFailed() {
    return failure.isPresent();
  }

  List<ZoneAction> zoneActions() {
    return failure.isPresent() ? List.of() : plan.map(InstancePlan::zoneActions).orElse(List.of());
  }

  /** What the batch should do for this instance; none when it failed or is skipped. */
  Optional<Intent> intent() {
    if (isFailed()) {
      return Optional.empty();
    }
    return switch (action) {
      case REGISTER ->
          plan.map(
              p -> {
                InstanceFacts f = facts.orElseThrow();
                return new Intent(
                    id, true, f.launchTime(), p.records(), FactSheet.of(f), p.pointerTargets());
              });
      case DEREGISTER -> Optional.of(Intent.deregister(id));
      case SKIP -> Optional.empty();
    };
  }
}
