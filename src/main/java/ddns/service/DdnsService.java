package ddns.service;

import ddns.config.Config;
import ddns.event.InboundEvent;
import ddns.event.InboundEvent.Rejected;
import ddns.event.InboundEvent.Scheduled;
import ddns.event.InboundEvent.StateChange;
import ddns.event.InboundEvent.TagChange;
import ddns.model.DesiredRecord;
import ddns.model.InstanceFacts;
import ddns.model.RecordKey;
import ddns.plan.ChangeBatchValidator;
import ddns.plan.PlanningRules;
import ddns.plan.RecordRules;
import ddns.port.Alerts;
import ddns.port.ApiCalls;
import ddns.port.DnsZones;
import ddns.port.InstanceSource;
import ddns.port.OwnershipRegistry;
import ddns.port.ServiceFailure;
import ddns.service.Explanation.RecordReason;
import ddns.service.Summary.RejectedEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tool's three jobs behind one facade: handle a batch of events, reconcile everything, and
 * explain one instance. Knows the ports only, never an AWS SDK type.
 */
public final class DdnsService {
  private final Config config;
  private final InstanceSource ec2;
  private final OwnershipRegistry registry;
  private final ApiCalls calls;
  private final JsonLog log;
  private final Clock clock;
  private final InstancePlanning planning;
  private final BatchApplier applier;
  private final AlertPublisher alerts;
  private final Reconciler reconciler;
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
    this.calls = calls;
    this.log = log;
    this.clock = clock;
    CachedLookups lookups = new CachedLookups(dns, ec2, clock, config.cacheTtl());
    this.planning =
        new InstancePlanning(lookups, new RecordRules(config.rules()), new ZoneActions(dns, log));
    this.applier =
        new BatchApplier(dns, registry, new ChangeBatchValidator(), log, lookups::recordSetCount);
    this.alerts = new AlertPublisher(config, alerts, registry, clock, log);
    this.reconciler = new Reconciler(ec2, dns, registry, planning, applier);
  }

  /** Handles one invocation's events: state changes and tag changes per instance, schedules. */
  public synchronized Summary handle(List<InboundEvent> events) {
    long started = clock.millis();
    calls.reset();
    List<RejectedEvent> rejected = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, List<Trigger>> byInstance = new LinkedHashMap<>();
    List<Scheduled> schedules = new ArrayList<>();
    for (InboundEvent event : events) {
      switch (event) {
        case Rejected r -> {
          rejected.add(new RejectedEvent(r.messageId(), r.reason()));
          log.warn("event rejected", "messageId", r.messageId(), "error", r.reason());
        }
        case Scheduled s -> schedules.add(s);
        case StateChange c ->
            byInstance
                .computeIfAbsent(c.instanceId(), id -> new ArrayList<>())
                .add(
                    new Trigger(
                        c.messageId(),
                        c.eventId(),
                        c.state(),
                        c.account(),
                        c.region(),
                        "state change"));
        case TagChange t -> tagChange(t, byInstance, notes);
      }
    }
    List<Work> work = new ArrayList<>();
    if (!byInstance.isEmpty()) {
      work.addAll(process(byInstance));
    }
    String mode = "event";
    for (Scheduled s : schedules) {
      mode = "reconcile";
      work.addAll(reconcileWork(s.messageId(), config.dryRun(), s.region(), s.account()));
    }
    List<String> failed = new ArrayList<>();
    rejected.forEach(r -> failed.add(r.messageId()));
    for (Work w : work) {
      if (w.failed()) {
        // A failed instance fails every message that named it, not only the one it kept.
        List<Trigger> named = byInstance.getOrDefault(w.instanceId, List.of());
        (named.contains(w.trigger) ? named : List.of(w.trigger))
            .forEach(t -> failed.add(t.messageId()));
      }
    }
    return summary(
        mode, config.dryRun(), work, rejected, notes, failed.stream().distinct().toList(), started);
  }

  /** A reconcile run (the CLI's {@code reconcile}); the scheduled event runs the same. */
  public synchronized Summary reconcile(boolean dryRun) {
    long started = clock.millis();
    calls.reset();
    List<Work> work = reconcileWork("reconcile-" + started, dryRun || config.dryRun(), null, null);
    List<String> failed = work.stream().filter(Work::failed).map(w -> w.instanceId).toList();
    return summary(
        "reconcile", dryRun || config.dryRun(), work, List.of(), List.of(), failed, started);
  }

  /** What the tool would do for one instance now, and why; changes nothing. */
  public synchronized Explanation explain(String instanceId) {
    Work w = new Work(instanceId, new Trigger("plan", "plan", null, null, null, "plan"));
    try {
      w.facts = Optional.ofNullable(ec2.describe(List.of(instanceId)).get(instanceId));
      planning.plan(List.of(w), true);
      applier.apply(List.of(w), true);
    } catch (ServiceFailure e) {
      w.fail(e.getMessage());
    }
    List<RecordReason> records = new ArrayList<>();
    if (w.plan != null) {
      records.addAll(reasons(w));
      w.plan.alerts().forEach(w.alerts::add);
    }
    Summary.InstanceOutcome outcome = w.outcome();
    Map<String, String> tags = w.facts.map(InstanceFacts::tags).orElse(Map.of());
    return new Explanation(
        instanceId,
        w.state,
        w.facts.map(Work::registryFacts).orElse(Map.of()),
        new TreeMap<>(tags),
        records,
        outcome.zoneActions(),
        outcome.notes(),
        outcome.alerts(),
        outcome.changes(),
        outcome.error());
  }

  /** Each planned record with its rule; refused ones marked, retargeted pointers shown as kept. */
  private static List<RecordReason> reasons(Work w) {
    Map<RecordKey, DesiredRecord> kept = new HashMap<>();
    if (w.accepted != null) {
      w.accepted.forEach(r -> kept.put(r.key(), r));
    }
    List<RecordReason> records = new ArrayList<>();
    for (DesiredRecord r : w.plan.records()) {
      DesiredRecord shown = kept.getOrDefault(r.key(), r);
      String reason = w.plan.reasons().getOrDefault(r.key(), "");
      if (w.accepted != null && !kept.containsKey(r.key())) {
        reason = "REFUSED (see below); rule: " + reason;
      } else if (!shown.content().equals(r.content())) {
        reason = reason + "; points where the refused alias would have";
      }
      records.add(
          new RecordReason(
              r.zoneName().value(),
              r.key().name().value(),
              r.key().type().name(),
              shown.content().values(),
              reason));
    }
    return records;
  }

  private void tagChange(TagChange t, Map<String, List<Trigger>> byInstance, List<String> notes) {
    PlanningRules rules = config.rules();
    boolean relevant =
        t.tagKeys().isEmpty()
            || t.tagKeys().stream()
                .anyMatch(
                    k ->
                        k.equalsIgnoreCase(rules.zoneTagKey())
                            || k.equalsIgnoreCase(rules.cnameTagKey()));
    if (!relevant || t.instanceIds().isEmpty()) {
      notes.add(
          "tag change "
              + t.eventId()
              + " touches no "
              + rules.zoneTagKey()
              + "/"
              + rules.cnameTagKey()
              + " tag of an instance: nothing to do");
      return;
    }
    for (String id : t.instanceIds()) {
      byInstance
          .computeIfAbsent(id, k -> new ArrayList<>())
          .add(
              new Trigger(t.messageId(), t.eventId(), null, t.account(), t.region(), "tag change"));
    }
  }

  private List<Work> process(Map<String, List<Trigger>> byInstance) {
    List<Work> work = new ArrayList<>();
    byInstance.forEach((id, triggers) -> work.add(new Work(id, triggers.get(triggers.size() - 1))));
    Trigger first = work.get(0).trigger;
    try {
      ensureTable(config.dryRun());
      Map<String, InstanceFacts> facts = ec2.describe(byInstance.keySet());
      work.forEach(w -> w.facts = Optional.ofNullable(facts.get(w.instanceId)));
    } catch (ServiceFailure e) {
      work.forEach(w -> w.fail(e.getMessage()));
      log.error("batch failed", "error", e.getMessage());
      return work;
    }
    planning.plan(work, config.dryRun());
    applier.apply(
        work.stream().filter(w -> !w.failed() && !w.action.equals(Work.SKIP)).toList(),
        config.dryRun());
    alerts.publish(work, first.region(), first.account(), config.dryRun());
    work.forEach(
        w ->
            log.info(
                "instance handled",
                "eventId",
                w.trigger.eventId(),
                "cause",
                w.trigger.cause(),
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

  private List<Work> reconcileWork(String runId, boolean dryRun, String region, String account) {
    try {
      ensureTable(dryRun);
      List<Work> work = reconciler.run(runId, dryRun);
      alerts.publish(work, region, account, dryRun);
      long changed = work.stream().filter(Work::eventful).count();
      log.info("reconciled", "runId", runId, "instances", work.size(), "withChanges", changed);
      return work;
    } catch (ServiceFailure e) {
      log.error("reconcile failed", "runId", runId, "error", e.getMessage());
      Work failed = new Work("(reconcile)", Trigger.reconcile(runId));
      failed.fail(e.getMessage());
      return List.of(failed);
    }
  }

  private void ensureTable(boolean dryRun) {
    if (config.createTable() && !dryRun && !tableReady) {
      registry.ensureTable();
      tableReady = true;
    }
  }

  private Summary summary(
      String mode,
      boolean dryRun,
      List<Work> work,
      List<RejectedEvent> rejected,
      List<String> notes,
      List<String> failed,
      long started) {
    boolean reconcile = mode.equals("reconcile");
    Map<String, Long> metrics = RunMetrics.of(work, reconcile, clock.millis() - started);
    log.document(RunMetrics.emf(mode, metrics, clock.millis()));
    List<String> allNotes = new ArrayList<>(notes);
    List<Work> reported = work;
    if (reconcile) {
      reported = work.stream().filter(Work::eventful).toList();
      allNotes.add(
          work.size()
              + " instances checked (running, or registered and no longer running); "
              + reported.size()
              + " needed changes or raised alerts; the others are in line");
    }
    Map<String, Integer> counts = new TreeMap<>(calls.snapshot());
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    return new Summary(
        mode,
        dryRun,
        reported.stream().map(Work::outcome).toList(),
        rejected,
        allNotes,
        metrics,
        counts,
        total,
        failed);
  }
}
