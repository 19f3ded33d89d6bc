package ddns.apply;

import ddns.alert.Alert;
import ddns.dns.DesiredRecord;
import ddns.plan.PlannedChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What applying a batch did for one instance: the Route 53 changes that went through, the alerts of
 * the ownership checks, notes on its registry item, the records kept after the checks (absent until
 * the batch was planned), and the failure, if any.
 */
public record Applied(
    List<PlannedChange> changes,
    List<Alert> alerts,
    List<String> notes,
    Optional<List<DesiredRecord>> accepted,
    Optional<String> failure) {

  public static final Applied NOTHING =
      new Applied(List.of(), List.of(), List.of(), Optional.empty(), Optional.empty());

  public Applied {
    changes = List.copyOf(changes);
    alerts = List.copyOf(alerts);
    notes = List.copyOf(notes);
    accepted = accepted.map(List::copyOf);
  }

  public boolean failed() {
    return failure.isPresent();
  }

  /**
   * This attempt followed by a later one of the same instance: the changes of both (what went
   * through stays through), the later one's records and failure.
   */
  public Applied then(Applied later) {
    List<PlannedChange> all = new ArrayList<>(changes);
    all.addAll(later.changes);
    List<Alert> allAlerts = new ArrayList<>(alerts);
    allAlerts.addAll(later.alerts);
    List<String> allNotes = new ArrayList<>(notes);
    later.notes.stream().filter(n -> !notes.contains(n)).forEach(allNotes::add);
    return new Applied(all, allAlerts, allNotes, later.accepted.or(() -> accepted), later.failure);
  }
}
