package ddns.run;

import ddns.dns.HostedZone;
import ddns.dns.ZoneCatalog;
import ddns.facts.CachedLookups;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceState;
import ddns.facts.VpcFacts;
import ddns.failure.ServiceFailure;
import ddns.plan.Action;
import ddns.plan.InstancePlan;
import ddns.plan.RecordRules;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first stage: decides each instance's action from EC2's current state (never from the event)
 * and plans the records of a running one with {@link RecordRules}, from the VPC and zone facts.
 */
final class InstancePlanning {
  private static final VpcFacts NO_VPC = new VpcFacts("none", false, List.of());

  private final CachedLookups lookups;
  private final RecordRules rules;
  private final Clock clock;
  private final Duration launchGrace;

  /**
   * @param launchGrace how long after its event a pending or running instance that EC2 does not
   *     show is taken for one not visible yet (retried) rather than gone
   */
  InstancePlanning(CachedLookups lookups, RecordRules rules, Clock clock, Duration launchGrace) {
    this.lookups = lookups;
    this.rules = rules;
    this.clock = clock;
    this.launchGrace = launchGrace;
  }

  Decision decide(InstanceId id, Trigger trigger, Optional<InstanceFacts> found) {
    return decide(id, trigger, found, List.of());
  }

  /**
   * @param plannedZones zones a dry run would create, placed in the catalog as if they existed, so
   *     that the plan counts the records they would receive
   */
  Decision decide(
      InstanceId id,
      Trigger trigger,
      Optional<InstanceFacts> found,
      List<HostedZone> plannedZones) {
    if (found.isEmpty()) {
      return unknownToEc2(id, trigger);
    }
    List<String> notes = new ArrayList<>();
    InstanceFacts facts = found.get();
    String state = facts.state().ec2Name();
    Action action = action(facts, trigger.cause(), notes);
    Optional<InstancePlan> plan = Optional.empty();
    Optional<String> failure = Optional.empty();
    if (action == Action.REGISTER) {
      try {
        VpcFacts vpc = facts.vpc().map(lookups::vpc).orElse(NO_VPC);
        ZoneCatalog catalog = lookups.catalogFor(facts.vpc());
        List<HostedZone> planned =
            plannedZones.stream().filter(z -> z.createdForVpc().equals(facts.vpc())).toList();
        // Auto Scaling holds a launch for its records: EC2's pending carries its addresses.
        InstanceFacts planning =
            facts.state() == InstanceState.PENDING ? facts.withState(InstanceState.RUNNING) : facts;
        plan = Optional.of(rules.plan(planning, vpc, catalog.withAssociated(planned)));
        notes.addAll(plan.get().notes());
      } catch (ServiceFailure e) {
        failure = Optional.of(e.getMessage());
      }
    } else if (action == Action.SKIP && trigger.cause() != Trigger.Cause.WARM_POOL) {
      notes.add("instance is " + state + "; its running event will register it");
    }
    Optional<String> reported = trigger.reportedState().map(s -> s.ec2Name());
    if (reported.isPresent() && !reported.get().equals(state) && action != Action.SKIP) {
      notes.add("event said " + reported.get() + "; acting on EC2's current state " + state);
    }
    return new Decision(id, trigger, found, action, state, plan, notes, failure);
  }

  /**
   * What EC2's state calls for, except where a lifecycle hook holds the instance
   * (docs/behaviour.md, "Lifecycle hooks"): a termination removes the records while EC2 still says
   * running; a launch writes them from {@code pending} on (the addresses are there); an instance
   * launching into the warm pool gets none.
   */
  private static Action action(InstanceFacts facts, Trigger.Cause cause, List<String> notes) {
    boolean alive = facts.state().registers() || facts.state() == InstanceState.PENDING;
    if (cause == Trigger.Cause.TERMINATE_HOOK) {
      if (alive) {
        notes.add(
            "Auto Scaling is terminating the instance (or returning it to the warm pool): its"
                + " records go before it does");
      }
      return Action.DEREGISTER;
    }
    if (cause == Trigger.Cause.WARM_POOL && alive) {
      notes.add("launching into the warm pool, where it is stopped or hibernated: no records");
      return Action.SKIP;
    }
    if (cause == Trigger.Cause.LAUNCH_HOOK && facts.state() == InstanceState.PENDING) {
      return Action.REGISTER;
    }
    return facts.state().registers()
        ? Action.REGISTER
        : facts.state().deregisters() ? Action.DEREGISTER : Action.SKIP;
  }

  /**
   * EC2 does not list the instance. Right after a launch that means "not yet": the message is
   * retried. Otherwise it is gone, and what the registry says it owns is removed.
   */
  private Decision unknownToEc2(InstanceId id, Trigger trigger) {
    List<String> notes = new ArrayList<>();
    if (justLaunched(trigger)) {
      return new Decision(
          id,
          trigger,
          Optional.empty(),
          Action.SKIP,
          Decision.UNKNOWN,
          Optional.empty(),
          notes,
          Optional.of(
              "EC2 does not show it yet, though its event says "
                  + trigger.reportedState().map(InstanceState::ec2Name).orElse("it launches")
                  + " (DescribeInstances is eventually consistent right after a launch); the"
                  + " message is retried for up to "
                  + launchGrace.toSeconds()
                  + " s after the event (DDNS_LAUNCH_GRACE_SECONDS)"));
    }
    if (trigger.reportedState().filter(s -> !s.deregisters()).isPresent()) {
      notes.add(
          "EC2 did not show the instance within DDNS_LAUNCH_GRACE_SECONDS ("
              + launchGrace.toSeconds()
              + " s) of its event");
    }
    notes.add("EC2 does not know the instance (any more); removing what the registry says it owns");
    return new Decision(
        id,
        trigger,
        Optional.empty(),
        Action.DEREGISTER,
        Decision.UNKNOWN,
        Optional.empty(),
        notes,
        Optional.empty());
  }

  /** A pending or running event, recent enough that EC2 may not list the instance yet. */
  private boolean justLaunched(Trigger trigger) {
    boolean launching =
        trigger.reportedState().filter(s -> !s.deregisters()).isPresent()
            || trigger.cause() == Trigger.Cause.LAUNCH_HOOK;
    return launching
        && trigger.eventTime().isPresent()
        && clock.instant().isBefore(trigger.eventTime().get().plus(launchGrace));
  }

  /** Decides again, with zone facts read afresh (after zones were created or associated). */
  Decision again(Decision d) {
    return d.isFailed() ? d : decide(d.id(), d.trigger(), d.facts());
  }
}
