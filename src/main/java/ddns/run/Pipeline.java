package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.alert.Alert;
import ddns.alert.AlertPublisher;
import ddns.apply.Applied;
import ddns.apply.BatchApplier;
import ddns.apply.BatchApplier.Preloaded;
import ddns.apply.Deadline;
import ddns.apply.EmptyZones;
import ddns.apply.ZoneActions;
import ddns.dns.HostedZone;
import ddns.dns.ZoneId;
import ddns.facts.CachedLookups;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.facts.InstanceState;
import ddns.failure.ServiceFailure;
import ddns.log.JsonLog;
import ddns.plan.Action;
import ddns.plan.ChangeAction;
import ddns.plan.Intent;
import ddns.plan.ZoneAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The stages every job shares, each handing its value to the next: decide and plan each instance
 * ({@link Decision}), create the zones and associations the records need, plan again if any were
 * made, apply the batch ({@link Applied}), delete the reverse zones the tool created that the batch
 * emptied (when {@code DDNS_DELETE_EMPTY_REVERSE_ZONES} is on), and combine it all per instance
 * ({@link InstanceResult}); then, for the jobs that alert, publish the alerts.
 */
final class Pipeline {
  /** One instance to handle: why, and what EC2 said of it (absent: EC2 does not know it). */
  record Subject(InstanceId id, Trigger trigger, Optional<InstanceFacts> facts) {}

  private final InstanceSource ec2;
  private final InstancePlanning planning;
  private final CachedLookups lookups;
  private final ZoneActions zoneActions;
  private final ReverseJoins reverseJoins;
  private final BatchApplier applier;
  private final AlertPublisher alerts;
  private final Optional<EmptyZones> emptyZones;
  private final GroupNumbering numbering;
  private final JsonLog log;

  /**
   * @param emptyZones deletes the reverse zones the tool created once a batch emptied them; absent
   *     when that is off
   */
  Pipeline(
      InstanceSource ec2,
      InstancePlanning planning,
      CachedLookups lookups,
      ReverseJoins reverseJoins,
      ZoneActions zoneActions,
      BatchApplier applier,
      AlertPublisher alerts,
      Optional<EmptyZones> emptyZones,
      GroupNumbering numbering,
      JsonLog log) {
    this.emptyZones = emptyZones;
    this.numbering = numbering;
    this.ec2 = ec2;
    this.planning = planning;
    this.lookups = lookups;
    this.zoneActions = zoneActions;
    this.reverseJoins = reverseJoins;
    this.applier = applier;
    this.alerts = alerts;
    this.log = log;
  }

  /**
   * Runs the stages for a batch, in subject order.
   *
   * @param preload what to read in bulk for the batch's intents before applying (reconcile), or
   *     nothing (events: each name is read as needed)
   */
  List<InstanceResult> run(
      List<Subject> subjects,
      boolean dryRun,
      Function<List<Intent>, Optional<Preloaded>> preload,
      Deadline deadline) {
    return run(subjects, dryRun, preload, false, false, deadline);
  }

  /**
   * The stages for a reconcile: as {@link #run}, and every registration that wrote a record is
   * checked against EC2 once more, since the plan was made from one listing that may be minutes
   * old.
   *
   * @param adopt take over unclaimed records that hold exactly what an instance should have
   */
  List<InstanceResult> reconcile(
      List<Subject> subjects,
      boolean dryRun,
      Function<List<Intent>, Optional<Preloaded>> preload,
      boolean adopt,
      Deadline deadline) {
    return run(subjects, dryRun, preload, adopt, true, deadline);
  }

  private List<InstanceResult> run(
      List<Subject> subjects,
      boolean dryRun,
      Function<List<Intent>, Optional<Preloaded>> preload,
      boolean adopt,
      boolean listedBefore,
      Deadline deadline) {
    GroupNumbering.Numbered numbered = numbering.assign(subjects, dryRun);
    List<Decision> decisions =
        reverseJoins.check(
            numbered.subjects().stream()
                .map(
                    s -> {
                      Decision d = planning.decide(s.id(), s.trigger(), s.facts());
                      String failure = numbered.failures().get(s.id());
                      return failure == null ? d : d.failed(failure);
                    })
                .toList());
    ZoneActions.Result zones = zoneActions.apply(zoneActionsOf(decisions), dryRun);
    if (dryRun) {
      decisions = asIfCreated(decisions);
    }
    if (zones.changed()) {
      lookups.learn(zones.created(), zones.associated());
      decisions = reverseJoins.check(decisions.stream().map(planning::again).toList());
    }
    List<Intent> intents = decisions.stream().flatMap(d -> d.intent().stream()).toList();
    Map<InstanceId, Applied> applied =
        new TreeMap<>(applier.apply(intents, dryRun, preload.apply(intents), adopt, deadline));
    if (!dryRun) {
      decisions = startedAgain(decisions, applied, deadline);
      if (listedBefore) {
        decisions = stoppedMeanwhile(decisions, applied, deadline);
      }
      decisions = deleteEmptiedZones(decisions, applied);
    }
    List<InstanceResult> results = new ArrayList<>();
    for (Decision d : decisions) {
      results.add(
          InstanceResult.of(
              d,
              zones.needed().getOrDefault(d.id(), List.of()),
              zones.alerts().getOrDefault(d.id(), List.of()),
              applied.getOrDefault(d.id(), Applied.NOTHING)));
    }
    return results;
  }

  /**
   * A dry run creates no zone, so it plans again with the reverse zones it would create standing in
   * the catalog ({@link ZoneId#planned}): the records they would receive are counted, as the real
   * run makes them.
   */
  private List<Decision> asIfCreated(List<Decision> decisions) {
    List<HostedZone> planned = new ArrayList<>();
    Set<ZoneAction> seen = new java.util.LinkedHashSet<>();
    decisions.forEach(d -> seen.addAll(d.zoneActions()));
    for (ZoneAction action : seen) {
      if (action instanceof ZoneAction.CreateReverseZone create) {
        planned.add(
            new HostedZone(
                ZoneId.planned(planned.size() + 1),
                create.zoneName(),
                true,
                0,
                Optional.of(create.vpcId())));
      }
    }
    if (planned.isEmpty()) {
      return decisions;
    }
    return decisions.stream()
        .map(d -> d.isFailed() ? d : planning.decide(d.id(), d.trigger(), d.facts(), planned))
        .toList();
  }

  /** The results with what was not sent noted, and the notes about the workplace notices. */
  record Alerted(List<InstanceResult> results, List<String> notes) {}

  /** Logs each alert and publishes them; the results come back with what was not sent noted. */
  List<InstanceResult> alert(List<InstanceResult> results, boolean dryRun) {
    return alert(results, Map.of(), dryRun).results();
  }

  /**
   * Logs each alert (the full list stays in the logs, whatever the digest has room for) and
   * publishes them, with the notices about workplaces that could not be read, as the run's one
   * digest.
   */
  Alerted alert(List<InstanceResult> results, Map<String, String> workplaces, boolean dryRun) {
    Map<InstanceId, List<Alert>> byInstance = new TreeMap<>();
    for (InstanceResult r : results) {
      for (Alert a : r.alerts()) {
        log.warn(
            "alert",
            field("eventId", r.trigger().eventId()),
            field("instanceId", a.instanceId().value()),
            field("kind", a.kind()),
            field("reason", a.message()));
      }
      if (!r.alerts().isEmpty()) {
        byInstance.put(r.id(), r.alerts());
      }
    }
    AlertPublisher.Published published = alerts.publish(byInstance, workplaces, dryRun);
    List<String> notes = new ArrayList<>();
    published.workplaceNotes().values().forEach(notes::addAll);
    return new Alerted(
        results.stream()
            .map(r -> r.withNotes(published.notes().getOrDefault(r.id(), List.of())))
            .toList(),
        notes);
  }

  /**
   * A deregistration whose deletions reached Route 53 is checked against EC2 once more. An instance
   * started again meanwhile had its running event handled while the records were still there, so
   * that event changed nothing; the late deletion then removed them. Such an instance is decided
   * and applied again at once, so DNS ends as EC2 does. One {@code DescribeInstances} per 200
   * instances of a workplace, per batch that deleted records; a failure of that check leaves the
   * repair of that workplace's instances to the next event or reconcile.
   *
   * @param applied updated in place with what the second application did
   * @return the decisions, with those of the instances registered again replaced
   */
  private List<Decision> startedAgain(
      List<Decision> decisions, Map<InstanceId, Applied> applied, Deadline deadline) {
    return checkedAgain(
        decisions,
        applied,
        deadline,
        new Recheck(
            Action.DEREGISTER,
            ChangeAction.DELETE,
            InstanceState::registers,
            "instances started again while their stop was applied",
            "the instance was started again while its stop was applied; registered again"));
  }

  /**
   * A reconcile plans from one listing of EC2; an instance that stopped after it was listed had its
   * stop event handled before the reconcile wrote its records back. Every registration that wrote a
   * record is checked against EC2 once more (as {@link #startedAgain}), and an instance that no
   * longer runs is deregistered at once: its records, its place in a pool and its host name go.
   */
  private List<Decision> stoppedMeanwhile(
      List<Decision> decisions, Map<InstanceId, Applied> applied, Deadline deadline) {
    return checkedAgain(
        decisions,
        applied,
        deadline,
        new Recheck(
            Action.REGISTER,
            ChangeAction.UPSERT,
            state -> !state.registers(),
            "instances stopped while the reconcile registered them",
            "the instance stopped while the reconcile registered it; its records were removed"
                + " again"));
  }

  /**
   * Which applied decisions to check against EC2 again, and what makes one be decided anew.
   *
   * @param action the decisions looked at
   * @param wrote the kind of change that makes one worth checking
   * @param turned EC2's state now that calls for deciding again
   */
  private record Recheck(
      Action action,
      ChangeAction wrote,
      java.util.function.Predicate<InstanceState> turned,
      String logMessage,
      String note) {}

  private List<Decision> checkedAgain(
      List<Decision> decisions,
      Map<InstanceId, Applied> applied,
      Deadline deadline,
      Recheck recheck) {
    Set<InstanceId> wrote = new TreeSet<>();
    for (Decision d : decisions) {
      Applied a = applied.get(d.id());
      // A termination hook deregisters an instance EC2 still shows running: not a restart.
      if (d.action() == recheck.action()
          && d.trigger().cause() != Trigger.Cause.TERMINATE_HOOK
          && a != null
          && a.changes().stream().anyMatch(c -> c.action() == recheck.wrote())) {
        wrote.add(d.id());
      }
    }
    if (wrote.isEmpty() || deadline.passed()) {
      return decisions;
    }
    Map<InstanceId, InstanceFacts> now = new TreeMap<>();
    // One workplace failing this check leaves its instances to the next event or reconcile only.
    InstanceId.byWorkplace(wrote)
        .forEach(
            (where, ids) -> {
              try {
                now.putAll(ec2.describe(ids));
              } catch (ServiceFailure e) {
                log.warn(
                    "could not check the instances against EC2 again",
                    field("error", e.getMessage()));
              }
            });
    Map<InstanceId, Decision> again = new TreeMap<>();
    for (Decision d : decisions) {
      InstanceFacts facts = now.get(d.id());
      if (wrote.contains(d.id()) && facts != null && recheck.turned().test(facts.state())) {
        again.put(d.id(), planning.decide(d.id(), d.trigger(), Optional.of(facts)));
      }
    }
    if (again.isEmpty()) {
      return decisions;
    }
    log.warn(recheck.logMessage(), field("instances", again.size()));
    List<Intent> intents = again.values().stream().flatMap(d -> d.intent().stream()).toList();
    applier
        .apply(intents, false, Optional.empty(), deadline)
        .forEach((id, second) -> applied.merge(id, second, Applied::then));
    return decisions.stream()
        .map(d -> again.containsKey(d.id()) ? again.get(d.id()).withNote(recheck.note()) : d)
        .toList();
  }

  /**
   * The reverse zones the batch deleted records from are looked at once more; each the tool created
   * that is empty now is deleted, and the instances whose records were there are told.
   */
  private List<Decision> deleteEmptiedZones(
      List<Decision> decisions, Map<InstanceId, Applied> applied) {
    if (emptyZones.isEmpty()) {
      return decisions;
    }
    Map<ZoneId, Set<InstanceId>> emptiedBy = new TreeMap<>();
    applied.forEach(
        (id, a) ->
            a.changes().stream()
                .filter(c -> c.action() == ChangeAction.DELETE)
                .filter(c -> c.zoneName().isReverse())
                .forEach(c -> emptiedBy.computeIfAbsent(c.zoneId(), z -> new TreeSet<>()).add(id)));
    if (emptiedBy.isEmpty()) {
      return decisions;
    }
    List<HostedZone> candidates =
        lookups.catalogFor(Optional.empty()).zones().stream()
            .filter(z -> emptiedBy.containsKey(z.id()))
            .toList();
    EmptyZones.Result result;
    try {
      result = emptyZones.get().deleteEmpty(candidates, List.of(), false);
    } catch (ServiceFailure e) {
      log.warn("could not look at the emptied reverse zones", field("error", e.getMessage()));
      return decisions;
    }
    lookups.forget(result.deleted());
    // A zone that still holds records is the usual case and needs no word; the others do.
    Map<InstanceId, List<String>> told = new TreeMap<>();
    result.zones().stream()
        .filter(z -> z.fate() != EmptyZones.Fate.IN_USE)
        .forEach(
            z ->
                emptiedBy
                    .get(z.zoneId())
                    .forEach(id -> told.computeIfAbsent(id, k -> new ArrayList<>()).add(z.note())));
    return decisions.stream()
        .map(
            d -> {
              Decision out = d;
              for (String note : told.getOrDefault(d.id(), List.of())) {
                out = out.withNote(note);
              }
              return out;
            })
        .toList();
  }

  private static Map<InstanceId, List<ZoneAction>> zoneActionsOf(List<Decision> decisions) {
    Map<InstanceId, List<ZoneAction>> needed = new LinkedHashMap<>();
    decisions.forEach(
        d -> {
          if (!d.zoneActions().isEmpty()) {
            needed.put(d.id(), d.zoneActions());
          }
        });
    return needed;
  }
}
