package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.alert.Alert;
import ddns.alert.AlertPublisher;
import ddns.apply.Applied;
import ddns.apply.BatchApplier;
import ddns.apply.BatchApplier.Preloaded;
import ddns.apply.Deadline;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.job.RunContext;
import ddns.log.JsonLog;
import ddns.run.BatchPlanning.Planned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The stages every job shares, each handing its value to the next: the batch's facts read once,
 * each instance decided and planned from them ({@link Decision}), the zones and associations the
 * records need made, and the batch planned again from the facts with those zones ({@link
 * BatchPlanning}); then the batch applied ({@link Applied}), the instances whose state may have
 * turned meanwhile checked against EC2 again ({@link Rechecks}), the reverse zones the tool created
 * that the batch emptied deleted ({@code DDNS_DELETE_EMPTY_REVERSE_ZONES}), and it all combined per
 * instance ({@link InstanceResult}); then, for the jobs that alert, the alerts published.
 */
final class Pipeline {
  /** One instance to handle: why, and what EC2 said of it (absent: EC2 does not know it). */
  record Subject(InstanceId id, Trigger trigger, Optional<InstanceFacts> facts) {}

  private final BatchPlanning planning;
  private final BatchApplier applier;
  private final Rechecks rechecks;
  private final Optional<EmptiedZones> emptiedZones;
  private final AlertPublisher alerts;
  private final JsonLog log;

  /**
   * @param emptiedZones deletes the reverse zones the tool created once a batch emptied them;
   *     absent when that is off
   */
  Pipeline(
      BatchPlanning planning,
      BatchApplier applier,
      Rechecks rechecks,
      Optional<EmptiedZones> emptiedZones,
      AlertPublisher alerts,
      JsonLog log) {
    this.planning = planning;
    this.applier = applier;
    this.rechecks = rechecks;
    this.emptiedZones = emptiedZones;
    this.alerts = alerts;
    this.log = log;
  }

  /** Runs the stages for a batch, in subject order; each name is read as needed. */
  List<InstanceResult> run(List<Subject> subjects, RunContext context, Deadline deadline) {
    return apply(plan(subjects, context), Optional.empty(), context, deadline);
  }

  /**
   * The stages up to the changes (a reconcile reads in bulk what the plan touches, then applies).
   */
  Planned plan(List<Subject> subjects, RunContext context) {
    return planning.plan(subjects, context);
  }

  /**
   * Applies the planned batch and combines the results per instance, in subject order. Outside a
   * dry run, the instances whose state may have turned meanwhile are checked against EC2 again (in
   * a reconcile, every registration that wrote a record too, since the plan was made from one
   * listing that may be minutes old), and the emptied reverse zones are looked at.
   *
   * @param preloaded what a reconcile read in bulk for the planned intents; empty: each name is
   *     read as needed
   */
  List<InstanceResult> apply(
      Planned planned, Optional<Preloaded> preloaded, RunContext context, Deadline deadline) {
    List<Decision> decisions = planned.decisions();
    Map<InstanceId, Applied> applied =
        new TreeMap<>(
            applier.apply(
                planned.intents(), preloaded, planned.zones().created(), context, deadline));
    if (!context.dryRun()) {
      Rechecks.Rechecked rechecked = rechecks.after(decisions, applied, context, deadline);
      decisions = rechecked.decisions();
      applied = rechecked.applied();
      if (emptiedZones.isPresent()) {
        decisions = emptiedZones.get().deleteEmptied(decisions, applied);
      }
    }
    List<InstanceResult> results = new ArrayList<>();
    for (Decision d : decisions) {
      results.add(
          InstanceResult.of(
              d,
              planned.zones().needed().getOrDefault(d.id(), List.of()),
              planned.zones().alerts().getOrDefault(d.id(), List.of()),
              applied.getOrDefault(d.id(), Applied.NOTHING)));
    }
    return results;
  }

  /** The results with what was not sent noted, and the notes about the workplace notices. */
  record Alerted(List<InstanceResult> results, List<String> notes) {}

  /** Logs each alert and publishes them; the results come back with what was not sent noted. */
  List<InstanceResult> alert(List<InstanceResult> results, RunContext context) {
    return alert(results, Map.of(), context).results();
  }

  /**
   * Logs each alert (the full list stays in the logs, whatever the digest has room for) and
   * publishes them, with the notices about workplaces that could not be read, as the run's one
   * digest.
   */
  Alerted alert(List<InstanceResult> results, Map<String, String> workplaces, RunContext context) {
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
    AlertPublisher.Published published = alerts.publish(byInstance, workplaces, context);
    List<String> notes = new ArrayList<>();
    published.workplaceNotes().values().forEach(notes::addAll);
    return new Alerted(
        results.stream()
            .map(r -> r.withNotes(published.notes().getOrDefault(r.id(), List.of())))
            .toList(),
        notes);
  }
}
