package ddns.run;

import ddns.facts.InstanceState;
import ddns.facts.Workplace;
import ddns.plan.Occasion;
import ddns.plan.Occasion.Hold;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an instance is looked at: an event (with the state it reported, if it reported one), a
 * reconcile run or a plan. Message ids map failures back to SQS messages.
 */
record Trigger(
    String messageId,
    String eventId,
    Optional<InstanceState> reportedState,
    Cause cause,
    Optional<Instant> eventTime,
    Optional<String> account) {

  enum Cause {
    STATE_CHANGE("state change"),
    TAG_CHANGE("tag change"),
    ADDRESS_CHANGE("address change"),
    /** A launch lifecycle hook holds the instance: its records are written, EC2 pending or not. */
    LAUNCH_HOOK("launch hook"),
    /** A termination lifecycle hook holds it: its records go, whatever EC2 says. */
    TERMINATE_HOOK("terminate hook"),
    /** It launches into the warm pool, stopped or hibernated there: no records. */
    WARM_POOL("warm pool"),
    RECONCILE("reconcile"),
    UNINSTALL("uninstall"),
    PLAN("plan");

    private final String text;

    Cause(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  Trigger {
    Objects.requireNonNull(messageId, "messageId == null");
    Objects.requireNonNull(reportedState, "reportedState == null");
    Objects.requireNonNull(cause, "cause == null");
    Objects.requireNonNull(eventTime, "eventTime == null");
    Objects.requireNonNull(account, "account == null");
  }

  Trigger(String messageId, String eventId, Optional<InstanceState> reportedState, Cause cause) {
    this(messageId, eventId, reportedState, cause, Optional.empty(), Optional.empty());
  }

  /** An event's trigger: the account it says it comes from, when it names one. */
  static Trigger ofEvent(
      String messageId,
      String eventId,
      Optional<InstanceState> reportedState,
      Cause cause,
      Optional<Instant> eventTime,
      String account) {
    return new Trigger(
        messageId,
        eventId,
        reportedState,
        cause,
        eventTime,
        Optional.ofNullable(account).filter(Workplace::isAccount));
  }

  /** What deciding the instance's action needs of this trigger. */
  Occasion occasion() {
    Hold hold =
        switch (cause) {
          case LAUNCH_HOOK -> Hold.LAUNCH_HOOK;
          case TERMINATE_HOOK -> Hold.TERMINATE_HOOK;
          case WARM_POOL -> Hold.WARM_POOL;
          default -> Hold.NONE;
        };
    return new Occasion(hold, reportedState, eventTime);
  }

  static Trigger reconcile(String runId) {
    return new Trigger(runId, runId, Optional.empty(), Cause.RECONCILE);
  }

  static Trigger uninstall(String runId) {
    return new Trigger(runId, runId, Optional.empty(), Cause.UNINSTALL);
  }

  static Trigger plan() {
    return new Trigger("plan", "plan", Optional.empty(), Cause.PLAN);
  }
}
