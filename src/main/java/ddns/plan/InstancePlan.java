package ddns.plan;

import ddns.model.Alert;
import ddns.model.DesiredRecord;
import java.util.List;
import java.util.Objects;

/**
 * What one running instance should have: its records, the zone actions they need first, the alerts
 * raised on the way and notes saying why something was not made.
 */
public record InstancePlan(
    String instanceId,
    List<DesiredRecord> records,
    List<ZoneAction> zoneActions,
    List<Alert> alerts,
    List<String> notes) {

  public InstancePlan {
    Objects.requireNonNull(instanceId, "instanceId == null");
    records = records.stream().sorted().toList();
    zoneActions = zoneActions.stream().distinct().sorted().toList();
    alerts = alerts.stream().distinct().sorted().toList();
    notes = List.copyOf(notes);
  }
}
