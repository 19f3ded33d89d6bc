package ddns.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the planner decided for one instance: the action EC2's current state calls for (never the
 * event's), EC2's state, for a running instance the records it should have, notes, and a failure
 * (its facts could not be read: it is tried again).
 *
 * @param state EC2's state, or {@link #UNKNOWN}
 */
public record InstanceDecision(
    Action action,
    String state,
    Optional<InstancePlan> plan,
    List<String> notes,
    Optional<String> failure) {

  /** The state of an instance EC2 does not show. */
  public static final String UNKNOWN = "unknown to EC2";

  public InstanceDecision {
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(plan, "plan == null");
    notes = List.copyOf(notes);
    Objects.requireNonNull(failure, "failure == null");
  }
}
