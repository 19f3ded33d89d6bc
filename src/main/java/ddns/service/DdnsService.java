package ddns.service;

import ddns.config.Config;
import ddns.event.InboundEvent;
import ddns.event.InboundEvent.Rejected;
import ddns.event.InboundEvent.Scheduled;
import ddns.event.InboundEvent.StateChange;
import ddns.model.Alert;
import ddns.model.AlertKind;
import ddns.model.InstanceFacts;
import ddns.model.VpcFacts;
import ddns.plan.ChangeBatchValidator;
import ddns.plan.Intent;
import ddns.plan.RecordRules;
import ddns.plan.ZoneAction;
import ddns.port.Alerts;
import ddns.port.ApiCalls;
import ddns.port.DnsZones;
import ddns.port.InstanceSource;
import ddns.port.OwnershipRegistry;
import ddns.port.ServiceFailure;
import ddns.service.Summary.RejectedEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Handles a batch of decoded events: reads the instances' current state, plans their records,
 * applies the changes in ownership-safe order and reports what happened. Knows the ports only,
 * never an AWS SDK type.
 */
public final class DdnsService {
  private final Config config;
  private final InstanceSource ec2;
  private final OwnershipRegistry registry;
  private final Alerts alerts;
  private final ApiCalls calls;
  private final JsonLog log;
  private final CachedLookups lookups;
  private final RecordRules rules;
  private final BatchApplier applier;
  private final ZoneActions zoneActions;
  private boolean tableReady;

  public DdnsService(
      Config config,
      InstanceSource ec2,
      DnsZones dns,
      OwnershipRegistry registry,
      Alerts alerts,
      ApiCalls calls,
      JsonLog log,
      Clock clock) {
    this.config = config;
    this.ec2 = ec2;
    this.registry = registry;
    this.alerts = alerts;
    this.calls = calls;
    this.log = log;
    this.lookups = new CachedLookups(dns, ec2, clock, config.cacheTtl());
    this.rules = new RecordRules(config.rules());
    this.applier =
        new BatchApplier(
            dns,
            registry,
            new ChangeBatchValidator(),
            log,
            config.dryRun(),
            lookups::recordSetCount);
    this.zoneActions = new ZoneActions(dns, log);
  }

  public synchronized Summary handle(List<InboundEvent> events) {
    calls.reset();
    List<RejectedEvent> rejected = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, List<StateChange>> byInstance = new LinkedHashMap<>();
    for (InboundEvent event : events) {
      switch (event) {
        case Rejected r -> {
          rejected.add(new RejectedEvent(r.messageId(), r.reason()));
          log.warn("event rejected", "messageId", r.messageId(), "error", r.reason());
        }
        case Scheduled s -> {
          notes.add(
              "scheduled event "
                  + s.eventId()
                  + ": reconciliation is not available in this version; nothing done");
          log.info("scheduled event ignored", "eventId", s.eventId());
        }
        case StateChange c ->
            byInstance.computeIfAbsent(c.instanceId(), id -> new ArrayList<>()).add(c);
      }
    }
    List<Work> work = byInstance.isEmpty() ? List.of() : process(byInstance);
    List<String> failed = new ArrayList<>();
    rejected.forEach(r -> failed.add(r.messageId()));
    for (Work w : work) {
      if (w.failed()) {
        byInstance.get(w.instanceId).forEach(c -> failed.add(c.messageId()));
      }
    }
    Map<String, Integer> counts = new TreeMap<>(calls.snapshot());
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    return new Summary(
        config.dryRun(),
        work.stream().map(Work::outcome).toList(),
        rejected,
        notes,
        counts,
        total,
        failed);
  }

  private List<Work> process(Map<String, List<StateChange>> byInstance) {
    List<Work> work = new ArrayList<>();
    byInstance.forEach((id, changes) -> work.add(new Work(id, changes.get(changes.size() - 1))));
    StateChange first = work.get(0).event;
    try {
      if (config.createTable() && !config.dryRun() && !tableReady) {
        registry.ensureTable();
        tableReady = true;
      }
      Map<String, InstanceFacts> facts = ec2.describe(byInstance.keySet());
      work.forEach(w -> w.facts = Optional.ofNullable(facts.get(w.instanceId)));
    } catch (ServiceFailure e) {
      work.forEach(w -> w.fail(e.getMessage()));
      log.error("batch failed", "error", e.getMessage());
      return work;
    }
    planInstances(work);
    if (zoneActions.apply(work, config.dryRun())) {
      lookups.invalidateZones();
      planInstances(work);
    }
    List<Work> live =
        work.stream().filter(w -> !w.failed() && !w.action.equals(Work.SKIP)).toList();
    applier.apply(live);
    publishAlerts(work, first);
    work.forEach(
        w ->
            log.info(
                "instance handled",
                "eventId",
                w.event.eventId(),
                "instanceId",
                w.instanceId,
                "action",
                w.action,
                "outcome",
                w.outcome().outcome(),
                "changes",
                w.changes.size(),
                "alerts",
                w.alerts.size()));
    return work;
  }

  /** Decides each instance's action from EC2's current state, and plans the registering ones. */
  private void planInstances(List<Work> work) {
    for (Work w : work) {
      if (w.failed()) {
        continue;
      }
      w.notes.clear();
      w.plan = null;
      if (w.facts.isEmpty()) {
        w.action = Work.DEREGISTER;
        w.state = "unknown to EC2";
        w.notes.add(
            "EC2 does not know the instance (any more); removing what the registry says it owns");
        continue;
      }
      InstanceFacts facts = w.facts.get();
      w.state = facts.state().ec2Name();
      if (facts.state().registers()) {
        w.action = Work.REGISTER;
        try {
          VpcFacts vpc =
              facts.vpc().map(lookups::vpc).orElse(new VpcFacts("none", false, false, List.of()));
          w.plan = rules.plan(facts, vpc, lookups.catalogFor(facts.vpcId()));
          w.notes.addAll(w.plan.notes());
        } catch (ServiceFailure e) {
          w.fail(e.getMessage());
        }
      } else if (facts.state().deregisters()) {
        w.action = Work.DEREGISTER;
      } else {
        w.action = Work.SKIP;
        w.notes.add("instance is " + w.state + "; its running event will register it");
      }
      if (!w.event.state().equals(w.state) && !w.action.equals(Work.SKIP)) {
        w.notes.add("event said " + w.event.state() + "; acting on EC2's current state " + w.state);
      }
    }
  }

  private void publishAlerts(List<Work> work, StateChange first) {
    Optional<String> topic = config.alertTopicFor(first.region(), first.account());
    for (Work w : work) {
      List<Alert> all = new ArrayList<>(w.alerts);
      if (w.plan != null) {
        all.addAll(0, w.plan.alerts());
      }
      w.alerts.clear();
      w.alerts.addAll(all.stream().distinct().sorted().toList());
      if (w.alerts.isEmpty()) {
        continue;
      }
      w.alerts.forEach(
          a ->
              log.warn(
                  "alert",
                  "eventId",
                  w.event.eventId(),
                  "instanceId",
                  a.instanceId(),
                  "kind",
                  a.kind(),
                  "reason",
                  a.message()));
      if (config.dryRun() || topic.isEmpty()) {
        continue;
      }
      try {
        alerts.publish(topic.get(), w.instanceId, w.alerts);
      } catch (ServiceFailure e) {
        w.notes.add("alert could not be published: " + e.getMessage());
        log.error("alert not published", "instanceId", w.instanceId, "error", e.getMessage());
      }
    }
  }

  /** Intents for the instances that are neither failed nor skipped. */
  static List<Intent> intents(List<Work> work) {
    List<Intent> intents = new ArrayList<>();
    for (Work w : work) {
      if (w.action.equals(Work.REGISTER) && w.plan != null) {
        InstanceFacts f = w.facts.orElseThrow();
        intents.add(
            new Intent(
                w.instanceId, true, f.launchTime(), w.plan.records(), Work.registryFacts(f)));
      } else if (w.action.equals(Work.DEREGISTER)) {
        intents.add(Intent.deregister(w.instanceId));
      }
    }
    return intents;
  }

  static Alert associationAlert(String instanceId, ZoneAction action, String error) {
    return new Alert(
        instanceId, AlertKind.ASSOCIATION_FAILED, action.describe() + " failed: " + error);
  }
}
