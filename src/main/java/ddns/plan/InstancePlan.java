package ddns.plan;

import ddns.alert.Alert;
import ddns.dns.DesiredRecord;
import ddns.dns.DnsName;
import ddns.dns.RecordKey;
import ddns.facts.InstanceId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one running instance should have: its records, the zone actions they need first, the alerts
 * raised on the way and notes saying why something was not made. {@code pointerTargets}: the names
 * its pointers may name, best first (see {@link Intent}).
 */
public record InstancePlan(
    InstanceId instanceId,
    List<DesiredRecord> records,
    List<ZoneAction> zoneActions,
    List<Alert> alerts,
    List<String> notes,
    Map<RecordKey, String> reasons,
    List<DnsName> pointerTargets) {

  public InstancePlan {
    Objects.requireNonNull(instanceId, "instanceId == null");
    records = records.stream().sorted().toList();
    zoneActions = zoneActions.stream().distinct().sorted().toList();
    alerts = alerts.stream().distinct().sorted().toList();
    notes = List.copyOf(notes);
    reasons = Collections.unmodifiableMap(new TreeMap<>(reasons));
    pointerTargets = List.copyOf(pointerTargets);
  }
}
