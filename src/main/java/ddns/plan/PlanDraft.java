package ddns.plan;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.dns.DesiredRecord;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.Sharing;
import ddns.facts.InstanceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The builder of one instance's {@link InstancePlan}: the record rules add records, zone actions,
 * alerts and notes to it as they run, and {@link #build} makes the plan. The first rule to want a
 * record set gives it its content and its reason; a name wanted both as a host name and as a pool
 * (or a host record) is made once, as first wanted, and alerted.
 */
final class PlanDraft {
  private final InstanceId instanceId;
  private final long ttl;
  private final Map<RecordKey, DesiredRecord> records = new LinkedHashMap<>();
  private final Map<RecordKey, String> reasons = new LinkedHashMap<>();
  private final List<ZoneAction> zoneActions = new ArrayList<>();
  private final List<Alert> alerts = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private List<DnsName> pointerTargets = List.of();

  /**
   * @param ttl the TTL of every record the draft makes
   */
  PlanDraft(InstanceId instanceId, long ttl) {
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId == null");
    this.ttl = ttl;
  }

  /** A host record: the instance's latest content wins when instances share the name. */
  void record(HostedZone zone, DnsName name, RecordType type, List<String> values, String why) {
    record(zone, name, type, values, why, Sharing.LATEST);
  }

  /**
   * The record set at {@code name} holds {@code values}, because {@code why}; kept as first wanted.
   */
  void record(
      HostedZone zone,
      DnsName name,
      RecordType type,
      List<String> values,
      String why,
      Sharing sharing) {
    RecordKey key = new RecordKey(zone.id(), name, type);
    DesiredRecord there = records.get(key);
    if (there != null && there.sharing() != sharing) {
      alert(
          AlertKind.NAME_CONFLICT,
          name
              + " is wanted as the instance's "
              + purpose(there.sharing())
              + " and as its "
              + purpose(sharing)
              + "; one name cannot be both, so only the first is made ("
              + why
              + ")");
      return;
    }
    reasons.putIfAbsent(key, why);
    records.putIfAbsent(
        key, new DesiredRecord(key, zone.name(), new RecordSet(name, type, ttl, values), sharing));
  }

  /** Adds the action unless the draft has it already; says whether it was new. */
  boolean zoneAction(ZoneAction action) {
    if (zoneActions.contains(action)) {
      return false;
    }
    zoneActions.add(action);
    return true;
  }

  void alert(AlertKind kind, String message) {
    alerts.add(new Alert(instanceId, kind, message));
  }

  void note(String note) {
    notes.add(note);
  }

  /** The names the instance's pointers may name, best first. */
  void pointerTargets(List<DnsName> targets) {
    pointerTargets = List.copyOf(targets);
  }

  /** Some record of the draft, of any type, is at this name. */
  boolean hasRecordAt(DnsName name) {
    return records.keySet().stream().anyMatch(k -> k.name().equals(name));
  }

  /** No record, no zone action and no alert: the instance gets nothing and nothing went wrong. */
  boolean isEmpty() {
    return records.isEmpty() && alerts.isEmpty() && zoneActions.isEmpty();
  }

  InstancePlan build() {
    return new InstancePlan(
        instanceId,
        List.copyOf(records.values()),
        zoneActions,
        alerts,
        notes,
        reasons,
        pointerTargets);
  }

  private static String purpose(Sharing sharing) {
    return switch (sharing) {
      case LATEST -> "host record";
      case FIRST -> "host name";
      case POOL -> "pool";
    };
  }
}
