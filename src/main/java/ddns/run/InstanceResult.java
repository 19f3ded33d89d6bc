package ddns.run;

import ddns.alert.Alert;
import ddns.apply.Applied;
import ddns.dns.DesiredRecord;
import ddns.facts.InstanceId;
import ddns.plan.Action;
import ddns.plan.ChangeAction;
import ddns.plan.PlannedChange;
import ddns.run.Summary.AlertView;
import ddns.run.Summary.ChangeView;
import ddns.run.Summary.InstanceOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The last stage's value for one instance: its decision, then what the zone actions and the batch
 * did for it, its alerts from every stage, and the first failure, if any.
 */
record InstanceResult(
    Decision decision,
    List<String> zoneActions,
    Applied applied,
    List<Alert> alerts,
    List<String> notes,
    Optional<String> error) {

  InstanceResult {
    zoneActions = List.copyOf(zoneActions);
    alerts = alerts.stream().distinct().sorted().toList();
    notes = List.copyOf(notes);
  }

  /** Combines the stages' values; the first failure wins. */
  static InstanceResult of(
      Decision decision, List<String> zoneActions, List<Alert> zoneAlerts, Applied applied) {
    List<Alert> alerts = new ArrayList<>();
    decision.plan().ifPresent(p -> alerts.addAll(p.alerts()));
    alerts.addAll(zoneAlerts);
    alerts.addAll(applied.alerts());
    Optional<String> error = decision.failure().or(applied::failure);
    List<String> notes = new ArrayList<>(decision.notes());
    notes.addAll(applied.notes());
    return new InstanceResult(decision, zoneActions, applied, alerts, notes, error);
  }

  /** An instance whose facts could not be read: nothing was decided for it. */
  static InstanceResult failedBeforePlanning(InstanceId id, Trigger trigger, String error) {
    return failedBeforePlanning(id, trigger, error, List.of());
  }

  /** Failed before planning, with alerts for the operator. */
  static InstanceResult failedBeforePlanning(
      InstanceId id, Trigger trigger, String error, List<Alert> alerts) {
    Decision d =
        new Decision(
            id,
            trigger,
            Optional.empty(),
            Action.SKIP,
            "unknown",
            Optional.empty(),
            List.of(),
            Optional.of(error));
    return of(d, List.of(), alerts, Applied.NOTHING);
  }

  InstanceId id() {
    return decision.id();
  }

  Trigger trigger() {
    return decision.trigger();
  }

  List<PlannedChange> changes() {
    return applied.changes();
  }

  Optional<List<DesiredRecord>> accepted() {
    return applied.accepted();
  }

  boolean failed() {
    return error.isPresent();
  }

  /**
   * The changes of this instance, alerts, zone actions, a change of what the registry holds for it
   * (a record adopted, an item of the AWS sample replaced), or a failure: anything worth reporting.
   */
  boolean eventful() {
    return failed()
        || !changes().isEmpty()
        || !alerts.isEmpty()
        || !zoneActions.isEmpty()
        || !applied.notes().isEmpty();
  }

  boolean deregisteredOnlyInRegistry() {
    return decision.action() == Action.DEREGISTER && changes().isEmpty() && !failed();
  }

  InstanceResult withNotes(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    return new InstanceResult(
        decision,
        zoneActions,
        applied,
        alerts,
        Stream.concat(notes.stream(), more.stream()).toList(),
        error);
  }

  /** With more alerts (published with the instance's others). */
  InstanceResult withAlerts(List<Alert> more) {
    if (more.isEmpty()) {
      return this;
    }
    return new InstanceResult(
        decision,
        zoneActions,
        applied,
        Stream.concat(alerts.stream(), more.stream()).toList(),
        notes,
        error);
  }

  /** Failed, when it had not failed already (its first failure stays). */
  InstanceResult failedWith(String failure) {
    return new InstanceResult(
        decision, zoneActions, applied, alerts, notes, error.or(() -> Optional.of(failure)));
  }

  long count(ChangeAction action, boolean creates) {
    return changes().stream()
        .filter(
            c -> c.action() == action && (action == ChangeAction.DELETE || c.creates() == creates))
        .count();
  }

  InstanceOutcome outcome() {
    List<ChangeView> views =
        changes().stream()
            .sorted()
            .map(
                c ->
                    new ChangeView(
                        c.zoneId().value(),
                        c.zoneName().value(),
                        c.action().name(),
                        c.set().name().value(),
                        c.set().type().name(),
                        c.set().ttl(),
                        c.set().values()))
            .toList();
    return new InstanceOutcome(
        id().value(),
        decision.action(),
        decision.state(),
        failed() ? Outcome.FAILED : Outcome.DONE,
        views,
        zoneActions,
        alerts.stream().map(a -> new AlertView(a.kind().name(), a.message())).toList(),
        notes,
        error.orElse(null));
  }
}
