package ddns.plan;

import ddns.alert.Alert;
import ddns.dns.DesiredRecord;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.registry.RegistryWrite;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The batch's changes, in the order they must be applied: {@code before} (registry claims that make
 * names ours), then {@code changes} (Route 53), then {@code after} (registry releases). A crash
 * between two steps leaves a state that replaying the same events repairs.
 */
public record ChangePlan(
    List<RegistryWrite> before,
    List<PlannedChange> changes,
    List<RegistryWrite> after,
    List<Alert> alerts,
    Map<InstanceId, List<DesiredRecord>> accepted,
    Map<InstanceId, List<String>> notes) {

  public ChangePlan {
    before = List.copyOf(before);
    changes = changes.stream().sorted().toList();
    after = List.copyOf(after);
    alerts = alerts.stream().distinct().sorted().toList();
    accepted = Map.copyOf(accepted);
    notes = Map.copyOf(notes);
  }

  /** Changes grouped by hosted zone id, zones in id order. */
  public Map<ZoneId, List<PlannedChange>> changesByZone() {
    return changes.stream()
        .collect(Collectors.groupingBy(PlannedChange::zoneId, TreeMap::new, Collectors.toList()));
  }

  public boolean isEmpty() {
    return before.isEmpty() && changes.isEmpty() && after.isEmpty();
  }
}
