package ddns.apply;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.apply.ChangeSender.Sending;
import ddns.dns.RecordKey;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.plan.ChangePlan;
import ddns.plan.Intent;
import ddns.plan.PlannedChange;
import ddns.registry.RegistryWrite;
import ddns.registry.RegistryWrite.DeleteClaim;
import ddns.registry.RegistryWrite.DeleteOwnership;
import ddns.registry.RegistryWrite.PutClaim;
import ddns.registry.RegistryWrite.PutOwnership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What applying a plan did, per instance, and the registry releases that may follow it. */
final class Outcomes {
  private Outcomes() {}

  /** Every instance failed; the plan's alerts still count, none of its changes went through. */
  static Map<InstanceId, Applied> failAll(List<Intent> intents, ChangePlan plan, String error) {
    Map<ZoneId, String> allZones = new HashMap<>();
    if (plan != null) {
      plan.changesByZone().keySet().forEach(z -> allZones.put(z, error));
    }
    Map<InstanceId, Applied> result =
        plan == null
            ? new HashMap<>()
            : new HashMap<>(
                report(
                    intents, plan, new Sending(allZones, Map.of(), Set.of(), Set.of()), Map.of()));
    for (Intent intent : intents) {
      Applied a = result.getOrDefault(intent.instanceId(), Applied.NOTHING);
      result.put(
          intent.instanceId(),
          new Applied(a.changes(), a.alerts(), a.notes(), a.accepted(), Optional.of(error)));
    }
    return result;
  }

  /**
   * Per instance: the plan's alerts and records, the changes that went through (none of a failed
   * zone, none Route 53 refused: those are alerted; and those of earlier attempts of the batch),
   * and the failure of a zone it had changes in.
   *
   * @param sentEarlier what earlier attempts of the same batch changed, by record set
   */
  static Map<InstanceId, Applied> report(
      List<Intent> intents,
      ChangePlan plan,
      Sending sending,
      Map<RecordKey, PlannedChange> sentEarlier) {
    Map<InstanceId, List<PlannedChange>> changes = new HashMap<>();
    Map<InstanceId, List<Alert>> alerts = new HashMap<>();
    Map<InstanceId, String> failures = new HashMap<>();
    plan.alerts()
        .forEach(a -> alerts.computeIfAbsent(a.instanceId(), k -> new ArrayList<>()).add(a));
    sending
        .refused()
        .forEach(
            (c, why) ->
                alerts
                    .computeIfAbsent(c.instanceId(), k -> new ArrayList<>())
                    .add(
                        new Alert(
                            c.instanceId(),
                            AlertKind.RECORD_REFUSED,
                            c.action()
                                + " "
                                + c.set().type()
                                + " "
                                + c.set().name()
                                + " refused by Route 53, the record set stays as it was: "
                                + why)));
    Set<RecordKey> planned = new HashSet<>();
    plan.changes().forEach(c -> planned.add(key(c)));
    sentEarlier.forEach(
        (key, c) -> {
          if (!planned.contains(key)) {
            changes.computeIfAbsent(c.instanceId(), k -> new ArrayList<>()).add(c);
          }
        });
    for (PlannedChange c : plan.changes()) {
      if (sending.refused().containsKey(c)) {
        continue;
      }
      String failure = sending.failedZones().get(c.zoneId());
      if (failure == null) {
        changes.computeIfAbsent(c.instanceId(), k -> new ArrayList<>()).add(c);
      } else {
        failures.putIfAbsent(c.instanceId(), failure);
      }
    }
    Map<InstanceId, Applied> result = new HashMap<>();
    for (Intent intent : intents) {
      InstanceId id = intent.instanceId();
      result.put(
          id,
          new Applied(
              changes.getOrDefault(id, List.of()),
              alerts.getOrDefault(id, List.of()),
              plan.notes().getOrDefault(id, List.of()),
              Optional.ofNullable(plan.accepted().get(id)),
              Optional.ofNullable(failures.get(id))));
    }
    return result;
  }

  private static RecordKey key(PlannedChange c) {
    return new RecordKey(c.zoneId(), c.set().name(), c.set().type());
  }

  /** Releases for failed zones and failed instances wait for the retry. */
  static List<RegistryWrite> afterWrites(
      ChangePlan plan, Set<ZoneId> failedZones, Map<InstanceId, Applied> result) {
    Set<InstanceId> failed = new HashSet<>();
    result.forEach(
        (id, applied) -> {
          if (applied.failed()) {
            failed.add(id);
          }
        });
    List<RegistryWrite> kept = new ArrayList<>();
    for (RegistryWrite write : plan.after()) {
      boolean skip =
          switch (write) {
            case PutClaim p -> failedZones.contains(p.claim().key().zoneId());
            case DeleteClaim d -> failedZones.contains(d.key().zoneId());
            case PutOwnership p -> failed.contains(p.item().instanceId());
            case RegistryWrite.RememberZone r -> false;
            case DeleteOwnership d -> failed.contains(d.instanceId());
          };
      if (!skip) {
        kept.add(write);
      }
    }
    return kept;
  }
}
