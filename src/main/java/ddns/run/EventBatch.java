package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.config.Reach;
import ddns.event.FollowUp;
import ddns.event.HookSelector;
import ddns.event.InboundEvent;
import ddns.event.InboundEvent.AddressChange;
import ddns.event.InboundEvent.LifecycleAction;
import ddns.event.InboundEvent.LifecycleFollowUp;
import ddns.event.InboundEvent.ReconcileUnit;
import ddns.event.InboundEvent.Rejected;
import ddns.event.InboundEvent.Scheduled;
import ddns.event.InboundEvent.StateChange;
import ddns.event.InboundEvent.TagChange;
import ddns.event.LifecycleHook;
import ddns.facts.InstanceId;
import ddns.facts.InstanceState;
import ddns.facts.Workplace;
import ddns.log.JsonLog;
import ddns.plan.PlanningRules;
import ddns.run.Summary.RejectedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One invocation's events sorted for handling: the triggers per instance (state changes, tag
 * changes that touch a tag this tool reads, address changes, lifecycle actions of the tool's
 * hooks), the lifecycle actions to complete once their instances are handled, the messages that ask
 * for a reconcile run (schedules, and address changes that name no instance, with the account and
 * region of each such change), the reconcile units the tool queued for itself, and the events
 * rejected.
 */
record EventBatch(
    Map<InstanceId, List<Trigger>> byInstance,
    List<HookAction> hooks,
    List<Recheck> rechecks,
    List<String> reconcileRequests,
    Map<String, Workplace> reconcileWorkplaces,
    List<ReconcileUnit> units,
    List<RejectedEvent> rejected,
    List<String> notes) {

  /**
   * A lifecycle action of one of the tool's hooks, waiting for its instance to be handled.
   *
   * @param heldSince the event's time: when Auto Scaling began to hold the instance
   */
  record HookAction(
      String messageId,
      String eventId,
      InstanceId instanceId,
      LifecycleHook hook,
      Optional<java.time.Instant> heldSince,
      String account,
      String region) {}

  /** A launch looked at again: its instance (in its workplace) is not handled again. */
  record Recheck(String messageId, FollowUp followUp) {}

  /**
   * @param home the tool's own workplace when it serves others ({@code reach}): each instance is
   *     then named in the workplace of its event's {@code account} and {@code region}, and an event
   *     of a workplace not served is rejected; absent, every event is the tool's own
   * @param outsiders accounts outside the organization (with {@code DDNS_ACCOUNTS=organization}):
   *     their events are rejected
   */
  static EventBatch of(
      List<InboundEvent> events,
      PlanningRules rules,
      HookSelector hooks,
      JsonLog log,
      Reach reach,
      Optional<Workplace> home,
      Set<String> outsiders) {
    Sorting sorting = new Sorting(rules, hooks, log);
    for (InboundEvent given : events) {
      sorting.add(home.isEmpty() ? given : placed(given, reach, home.get(), outsiders));
    }
    return sorting.batch();
  }

  /** The batch being sorted, one event after another. */
  private static final class Sorting {
    private final PlanningRules rules;
    private final HookSelector hooks;
    private final JsonLog log;
    private final Map<InstanceId, List<Trigger>> byInstance = new LinkedHashMap<>();
    private final List<HookAction> actions = new ArrayList<>();
    private final List<Recheck> rechecks = new ArrayList<>();
    private final List<String> reconcileRequests = new ArrayList<>();
    private final Map<String, Workplace> reconcileWorkplaces = new LinkedHashMap<>();
    private final List<ReconcileUnit> units = new ArrayList<>();
    private final List<RejectedEvent> rejected = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Sorting(PlanningRules rules, HookSelector hooks, JsonLog log) {
      this.rules = rules;
      this.hooks = hooks;
      this.log = log;
    }

    void add(InboundEvent event) {
      switch (event) {
        case Rejected r -> {
          rejected.add(new RejectedEvent(r.messageId(), r.reason()));
          log.warn("event rejected", field("messageId", r.messageId()), field("error", r.reason()));
        }
        case Scheduled s -> reconcileRequests.add(s.messageId());
        case ReconcileUnit u -> units.add(u);
        case AddressChange a -> addressChange(a);
        case StateChange c ->
            trigger(
                c.instanceId(),
                Trigger.ofEvent(
                    c.messageId(),
                    c.eventId(),
                    InstanceState.parse(c.state()),
                    Trigger.Cause.STATE_CHANGE,
                    c.time(),
                    c.account()));
        case LifecycleAction l -> lifecycleAction(l);
        case LifecycleFollowUp f -> rechecks.add(new Recheck(f.messageId(), f.followUp()));
        case TagChange t -> tagChange(t);
      }
    }

    private void addressChange(AddressChange a) {
      if (a.needsReconcile()) {
        reconcileRequests.add(a.messageId());
        if (Workplace.isAccount(a.account()) && Workplace.isRegion(a.region())) {
          reconcileWorkplaces.put(a.messageId(), new Workplace(a.account(), a.region()));
        }
        notes.add(
            a.call()
                + " "
                + a.eventId()
                + " names no instance, only the association: a reconcile run finds what moved");
        return;
      }
      if (a.instanceIds().isEmpty()) {
        notes.add(a.call() + " " + a.eventId() + " failed in EC2: nothing to do");
        return;
      }
      Trigger trigger =
          Trigger.ofEvent(
              a.messageId(),
              a.eventId(),
              Optional.empty(),
              Trigger.Cause.ADDRESS_CHANGE,
              Optional.empty(),
              a.account());
      a.instanceIds().forEach(id -> trigger(id, trigger));
    }

    private void lifecycleAction(LifecycleAction l) {
      if (!hooks.selects(l.hook())) {
        notes.add(
            l.hook().describe()
                + " is not route53-ddns's (DDNS_LIFECYCLE_HOOK '"
                + hooks.pattern()
                + "', no 'ddns:' metadata): its action for "
                + l.instanceId().value()
                + " is left alone");
        return;
      }
      actions.add(
          new HookAction(
              l.messageId(),
              l.eventId(),
              l.instanceId(),
              l.hook(),
              l.time(),
              l.account(),
              l.region()));
      trigger(
          l.instanceId(),
          Trigger.ofEvent(
              l.messageId(),
              l.eventId(),
              Optional.empty(),
              causeOf(l.hook()),
              l.time(),
              l.account()));
    }

    private void tagChange(TagChange t) {
      if (!relevant(t, rules)) {
        notes.add(
            "tag change "
                + t.eventId()
                + " touches no tag of an instance that route53-ddns reads: nothing to do");
        return;
      }
      Trigger trigger =
          Trigger.ofEvent(
              t.messageId(),
              t.eventId(),
              Optional.empty(),
              Trigger.Cause.TAG_CHANGE,
              Optional.empty(),
              t.account());
      t.instanceIds().forEach(id -> trigger(id, trigger));
    }

    private void trigger(InstanceId id, Trigger t) {
      byInstance.computeIfAbsent(id, k -> new ArrayList<>()).add(t);
    }

    EventBatch batch() {
      return new EventBatch(
          byInstance,
          actions,
          rechecks,
          reconcileRequests,
          reconcileWorkplaces,
          units,
          rejected,
          notes);
    }
  }

  /**
   * The event with its instances named in the workplace it comes from, or rejected when that
   * workplace is not served. An event without a valid account and region is the tool's own.
   */
  private static InboundEvent placed(
      InboundEvent event, Reach reach, Workplace home, Set<String> outsiders) {
    Optional<Origin> origin = originOf(event);
    if (origin.isEmpty()
        || !Workplace.isAccount(origin.get().account())
        || !Workplace.isRegion(origin.get().region())) {
      return event;
    }
    String account = origin.get().account();
    Workplace where = new Workplace(account, origin.get().region());
    Optional<String> refusal =
        outsiders.contains(account) ? Optional.of(outsider(account)) : reach.refusal(where, home);
    if (refusal.isPresent()) {
      return new Rejected(
          event.messageId(),
          "event " + origin.get().eventId() + " of " + where + ": " + refusal.get());
    }
    return in(event, where, home);
  }

  /** Which event, from which account and region it says it comes. */
  private record Origin(String eventId, String account, String region) {}

  /** Where an event about instances says it comes from; empty for the others. */
  private static Optional<Origin> originOf(InboundEvent event) {
    return switch (event) {
      case StateChange c -> Optional.of(new Origin(c.eventId(), c.account(), c.region()));
      case TagChange t -> Optional.of(new Origin(t.eventId(), t.account(), t.region()));
      case AddressChange a -> Optional.of(new Origin(a.eventId(), a.account(), a.region()));
      case LifecycleAction l -> Optional.of(new Origin(l.eventId(), l.account(), l.region()));
      case LifecycleFollowUp f ->
          Optional.of(new Origin(f.eventId(), f.followUp().account(), f.followUp().region()));
      case Scheduled s -> Optional.empty();
      case ReconcileUnit u -> Optional.empty();
      case Rejected r -> Optional.empty();
    };
  }

  /** The event with its instances named as the tool writes the ids of {@code where}. */
  private static InboundEvent in(InboundEvent event, Workplace where, Workplace home) {
    return switch (event) {
      case StateChange c ->
          new StateChange(
              c.messageId(),
              c.eventId(),
              InstanceId.in(where, c.instanceId().ec2Id(), home),
              c.state(),
              c.account(),
              c.region(),
              c.time());
      case TagChange t ->
          new TagChange(
              t.messageId(),
              t.eventId(),
              in(where, t.instanceIds(), home),
              t.tagKeys(),
              t.account(),
              t.region());
      case AddressChange a ->
          new AddressChange(
              a.messageId(),
              a.eventId(),
              in(where, a.instanceIds(), home),
              a.call(),
              a.needsReconcile(),
              a.account(),
              a.region());
      case LifecycleAction l ->
          new LifecycleAction(
              l.messageId(),
              l.eventId(),
              InstanceId.in(where, l.instanceId().ec2Id(), home),
              l.hook(),
              l.account(),
              l.region(),
              l.time());
      case LifecycleFollowUp f ->
          new LifecycleFollowUp(f.messageId(), f.eventId(), f.followUp().in(where, home));
      case Scheduled s -> s;
      case ReconcileUnit u -> u;
      case Rejected r -> r;
    };
  }

  /** Why an event of an account outside the organization is refused. */
  static String outsider(String account) {
    return "account "
        + account
        + " is not an active account of the organization, which DDNS_ACCOUNTS=organization"
        + " serves: its events are refused";
  }

  private static List<InstanceId> in(Workplace where, List<InstanceId> ids, Workplace home) {
    return ids.stream().map(id -> InstanceId.in(where, id.ec2Id(), home)).toList();
  }

  private static boolean relevant(TagChange t, PlanningRules rules) {
    boolean keyRead = t.tagKeys().isEmpty() || t.tagKeys().stream().anyMatch(rules::readsTag);
    return keyRead && !t.instanceIds().isEmpty();
  }

  /**
   * The trigger an instance is handled for: a termination hook when the batch has one (the instance
   * is going, whatever an earlier or later event of the batch says), else its last event.
   */
  static Trigger last(List<Trigger> triggers) {
    return triggers.stream()
        .filter(t -> t.cause() == Trigger.Cause.TERMINATE_HOOK)
        .reduce((first, second) -> second)
        .orElse(triggers.get(triggers.size() - 1));
  }

  /**
   * Launching into the warm pool: no records (the instance is stopped or hibernated there). Leaving
   * the pool for the group is a launch; going back to it on scale-in is a termination.
   */
  private static Trigger.Cause causeOf(LifecycleHook hook) {
    return switch (hook.transition()) {
      case LAUNCHING -> hook.intoWarmPool() ? Trigger.Cause.WARM_POOL : Trigger.Cause.LAUNCH_HOOK;
      case TERMINATING -> Trigger.Cause.TERMINATE_HOOK;
    };
  }
}
