package ddns.plan;

import ddns.facts.InstanceState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an instance is looked at, as far as deciding its action goes: whether a lifecycle hook holds
 * it (docs/behaviour.md, "Lifecycle hooks"), and what its event said and when.
 *
 * @param reportedState the state the event reported, if it reported one
 * @param eventTime when the event happened, if it was an event
 */
public record Occasion(
    Hold hold, Optional<InstanceState> reportedState, Optional<Instant> eventTime) {

  /** A lifecycle hook that holds the instance, or none. */
  public enum Hold {
    NONE,
    /** A launch hook: the records are written from {@code pending} on. */
    LAUNCH_HOOK,
    /** A termination hook: the records go, whatever EC2 says. */
    TERMINATE_HOOK,
    /** It launches into the warm pool, stopped or hibernated there: no records. */
    WARM_POOL
  }

  public Occasion {
    Objects.requireNonNull(hold, "hold == null");
    Objects.requireNonNull(reportedState, "reportedState == null");
    Objects.requireNonNull(eventTime, "eventTime == null");
  }

  /** No hook, no event: a reconcile run or a plan. */
  public static Occasion none() {
    return new Occasion(Hold.NONE, Optional.empty(), Optional.empty());
  }
}
