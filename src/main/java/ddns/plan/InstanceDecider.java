package ddns.plan;

import ddns.dns.HostedZone;
import ddns.dns.ZoneId;
import ddns.facts.BatchFacts;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceState;
import ddns.facts.VpcFacts;
import ddns.plan.Occasion.Hold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The first planning step, a function of the batch's facts: decides each instance's action from
 * EC2's current state (never from the event) and plans the records of a running one with {@link
 * RecordRules}. No I/O and no clock: "now" is when the facts were read ({@link BatchFacts#asOf}).
 *
 * <pre>
 * EC2 shows          hook holding it      action      records
 * running            none, launch hook    register    planned
 * pending            launch hook          register    planned (the addresses are there)
 * pending            none                 skip        none: its running event registers it
 * running, pending   termination hook     deregister  removed before the instance goes
 * running, pending   warm pool            skip        none
 * any other state    any                  deregister  removed
 * nothing            (event within DDNS_LAUNCH_GRACE_SECONDS of a launch)  skip, failed: retried
 * nothing            (otherwise)          deregister  what the registry says it owns, removed
 * </pre>
 */
public final class InstanceDecider {
  private final RecordRules rules;
  private final Duration launchGrace;

  /**
   * @param launchGrace how long after its event a pending or running instance that EC2 does not
   *     show is taken for one not visible yet (retried) rather than gone
   */
  public InstanceDecider(RecordRules rules, Duration launchGrace) {
    this.rules = rules;
    this.launchGrace = launchGrace;
  }

  public InstanceDecision decide(InstanceId id, Occasion occasion, BatchFacts facts) {
    Optional<InstanceFacts> found = facts.instance(id);
    if (found.isEmpty()) {
      return unknownToEc2(occasion, facts);
    }
    List<String> notes = new ArrayList<>();
    InstanceFacts instance = found.get();
    String state = instance.state().ec2Name();
    Action action = action(instance, occasion.hold(), notes);
    Optional<InstancePlan> plan = Optional.empty();
    Optional<String> failure = Optional.empty();
    if (action == Action.REGISTER) {
      failure = facts.unreadable(instance.vpc());
      if (failure.isEmpty()) {
        plan = Optional.of(plan(instance, facts));
        notes.addAll(plan.get().notes());
      }
    } else if (action == Action.SKIP && occasion.hold() != Hold.WARM_POOL) {
      notes.add("instance is " + state + "; its running event will register it");
    }
    Optional<String> reported = occasion.reportedState().map(InstanceState::ec2Name);
    if (reported.isPresent() && !reported.get().equals(state) && action != Action.SKIP) {
      notes.add("event said " + reported.get() + "; acting on EC2's current state " + state);
    }
    return new InstanceDecision(action, state, plan, notes, failure);
  }

  /** Whether the instance's records are planned: what its state calls for is to register it. */
  public static boolean registers(InstanceFacts instance, Occasion occasion) {
    return action(instance, occasion.hold(), new ArrayList<>()) == Action.REGISTER;
  }

  /**
   * The VPCs whose DNS support, not read yet, changes a record of the batch: those where a running
   * instance would get records in a private zone, or a zone action (all zone actions are private
   * zones'). With DNS support off a VPC gets no private-zone records (docs/behaviour.md,
   * "Records"); no other record depends on it, so elsewhere it is not read.
   *
   * @param subjects the batch's instances and why each is looked at
   */
  public Set<String> dnsSupportNeeded(Map<InstanceId, Occasion> subjects, BatchFacts facts) {
    Set<ZoneId> privateZones =
        facts.zones().stream()
            .filter(HostedZone::privateZone)
            .map(HostedZone::id)
            .collect(Collectors.toSet());
    Set<String> needed = new TreeSet<>();
    subjects.forEach(
        (id, occasion) ->
            facts
                .instance(id)
                .filter(f -> f.vpc().isPresent())
                .filter(f -> facts.vpc(f.vpc()).support() == VpcFacts.DnsSupport.NOT_READ)
                .filter(f -> !needed.contains(f.vpc().get()))
                .filter(f -> registers(f, occasion) && facts.unreadable(f.vpc()).isEmpty())
                .filter(f -> inPrivateZones(plan(f, facts), privateZones))
                .ifPresent(f -> needed.add(f.vpc().get())));
    return needed;
  }

  private static boolean inPrivateZones(InstancePlan plan, Set<ZoneId> privateZones) {
    return !plan.zoneActions().isEmpty()
        || plan.records().stream().anyMatch(r -> privateZones.contains(r.key().zoneId()));
  }

  private InstancePlan plan(InstanceFacts instance, BatchFacts facts) {
    // Auto Scaling holds a launch for its records: EC2's pending carries its addresses.
    InstanceFacts planning =
        instance.state() == InstanceState.PENDING
            ? instance.withState(InstanceState.RUNNING)
            : instance;
    return rules.plan(planning, facts.vpc(instance.vpc()), facts.catalogFor(instance.vpc()));
  }

  /**
   * What EC2's state calls for, except where a lifecycle hook holds the instance
   * (docs/behaviour.md, "Lifecycle hooks"): a termination removes the records while EC2 still says
   * running; a launch writes them from {@code pending} on (the addresses are there); an instance
   * launching into the warm pool gets none.
   */
  private static Action action(InstanceFacts facts, Hold hold, List<String> notes) {
    boolean alive = facts.state().registers() || facts.state() == InstanceState.PENDING;
    if (hold == Hold.TERMINATE_HOOK) {
      if (alive) {
        notes.add(
            "Auto Scaling is terminating the instance (or returning it to the warm pool): its"
                + " records go before it does");
      }
      return Action.DEREGISTER;
    }
    if (hold == Hold.WARM_POOL && alive) {
      notes.add("launching into the warm pool, where it is stopped or hibernated: no records");
      return Action.SKIP;
    }
    if (hold == Hold.LAUNCH_HOOK && facts.state() == InstanceState.PENDING) {
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
  private InstanceDecision unknownToEc2(Occasion occasion, BatchFacts facts) {
    List<String> notes = new ArrayList<>();
    if (justLaunched(occasion, facts)) {
      return new InstanceDecision(
          Action.SKIP,
          InstanceDecision.UNKNOWN,
          Optional.empty(),
          notes,
          Optional.of(
              "EC2 does not show it yet, though its event says "
                  + occasion.reportedState().map(InstanceState::ec2Name).orElse("it launches")
                  + " (DescribeInstances is eventually consistent right after a launch); the"
                  + " message is retried for up to "
                  + launchGrace.toSeconds()
                  + " s after the event (DDNS_LAUNCH_GRACE_SECONDS)"));
    }
    if (occasion.reportedState().filter(s -> !s.deregisters()).isPresent()) {
      notes.add(
          "EC2 did not show the instance within DDNS_LAUNCH_GRACE_SECONDS ("
              + launchGrace.toSeconds()
              + " s) of its event");
    }
    notes.add("EC2 does not know the instance (any more); removing what the registry says it owns");
    return new InstanceDecision(
        Action.DEREGISTER, InstanceDecision.UNKNOWN, Optional.empty(), notes, Optional.empty());
  }

  /** A pending or running event, recent enough that EC2 may not list the instance yet. */
  private boolean justLaunched(Occasion occasion, BatchFacts facts) {
    boolean launching =
        occasion.reportedState().filter(s -> !s.deregisters()).isPresent()
            || occasion.hold() == Hold.LAUNCH_HOOK;
    return launching
        && occasion.eventTime().isPresent()
        && facts.asOf().isBefore(occasion.eventTime().get().plus(launchGrace));
  }
}
