package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.event.InboundEvent;
import ddns.event.InboundEvent.AddressChange;
import ddns.event.InboundEvent.Rejected;
import ddns.event.InboundEvent.Scheduled;
import ddns.event.InboundEvent.StateChange;
import ddns.event.InboundEvent.TagChange;
import ddns.facts.InstanceId;
import ddns.facts.InstanceState;
import ddns.log.JsonLog;
import ddns.plan.PlanningRules;
import ddns.run.Summary.RejectedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One invocation's events sorted for handling: the triggers per instance (state changes, tag
 * changes that touch a tag this tool reads, address changes), the messages that ask for a reconcile
 * run (schedules, and address changes that name no instance), and the events rejected.
 */
record EventBatch(
    Map<InstanceId, List<Trigger>> byInstance,
    List<String> reconcileRequests,
    List<RejectedEvent> rejected,
    List<String> notes) {

  static EventBatch of(List<InboundEvent> events, PlanningRules rules, JsonLog log) {
    Map<InstanceId, List<Trigger>> byInstance = new LinkedHashMap<>();
    List<String> reconcileRequests = new ArrayList<>();
    List<RejectedEvent> rejected = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (InboundEvent event : events) {
      switch (event) {
        case Rejected r -> {
          rejected.add(new RejectedEvent(r.messageId(), r.reason()));
          log.warn("event rejected", field("messageId", r.messageId()), field("error", r.reason()));
        }
        case Scheduled s -> reconcileRequests.add(s.messageId());
        case AddressChange a -> {
          if (a.needsReconcile()) {
            reconcileRequests.add(a.messageId());
            notes.add(
                a.call()
                    + " "
                    + a.eventId()
                    + " names no instance, only the association: a reconcile run finds what"
                    + " moved");
            continue;
          }
          if (a.instanceIds().isEmpty()) {
            notes.add(a.call() + " " + a.eventId() + " failed in EC2: nothing to do");
            continue;
          }
          Trigger trigger =
              new Trigger(
                  a.messageId(), a.eventId(), Optional.empty(), Trigger.Cause.ADDRESS_CHANGE);
          a.instanceIds().forEach(id -> add(byInstance, id, trigger));
        }
        case StateChange c -> {
          Trigger t =
              new Trigger(
                  c.messageId(),
                  c.eventId(),
                  InstanceState.parse(c.state()),
                  Trigger.Cause.STATE_CHANGE,
                  c.time());
          add(byInstance, c.instanceId(), t);
        }
        case TagChange t -> {
          if (!relevant(t, rules)) {
            notes.add(
                "tag change "
                    + t.eventId()
                    + " touches no tag of an instance that route53-ddns reads: nothing to do");
            continue;
          }
          Trigger trigger =
              new Trigger(t.messageId(), t.eventId(), Optional.empty(), Trigger.Cause.TAG_CHANGE);
          t.instanceIds().forEach(id -> add(byInstance, id, trigger));
        }
      }
    }
    return new EventBatch(byInstance, reconcileRequests, rejected, notes);
  }

  private static boolean relevant(TagChange t, PlanningRules rules) {
    boolean keyRead = t.tagKeys().isEmpty() || t.tagKeys().stream().anyMatch(rules::readsTag);
    return keyRead && !t.instanceIds().isEmpty();
  }

  private static void add(Map<InstanceId, List<Trigger>> byInstance, InstanceId id, Trigger t) {
    byInstance.computeIfAbsent(id, k -> new ArrayList<>()).add(t);
  }

  /** The trigger an instance is handled for: its last event. */
  static Trigger last(List<Trigger> triggers) {
    return triggers.get(triggers.size() - 1);
  }
}
