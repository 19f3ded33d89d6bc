package ddns.service;

import ddns.model.Alert;
import ddns.model.AlertKind;
import ddns.plan.ZoneAction;
import ddns.plan.ZoneAction.AssociateVpc;
import ddns.plan.ZoneAction.CreateReverseZone;
import ddns.port.DnsZones;
import ddns.port.ServiceFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the reverse zones and VPC associations that planned records need, once per batch. A
 * failed association is alerted and the instance goes on (its records are still written); a failed
 * zone creation fails the instances that need it, so the event is retried.
 */
final class ZoneActions {
  private final DnsZones dns;
  private final JsonLog log;

  ZoneActions(DnsZones dns, JsonLog log) {
    this.dns = dns;
    this.log = log;
  }

  /** Applies the batch's zone actions; true when something changed and plans must be redone. */
  boolean apply(List<Work> work, boolean dryRun) {
    Map<ZoneAction, List<Work>> needed = new LinkedHashMap<>();
    for (Work w : work) {
      if (w.plan != null && !w.failed()) {
        w.plan.zoneActions().forEach(a -> needed.computeIfAbsent(a, k -> new ArrayList<>()).add(w));
      }
    }
    boolean changed = false;
    for (Map.Entry<ZoneAction, List<Work>> entry : needed.entrySet()) {
      ZoneAction action = entry.getKey();
      entry.getValue().forEach(w -> w.zoneActions.add(action.describe()));
      if (dryRun) {
        continue;
      }
      try {
        switch (action) {
          case CreateReverseZone create -> dns.createPrivateZone(create.zoneName(), create.vpcId());
          case AssociateVpc associate -> dns.associate(associate.zoneId(), associate.vpcId());
        }
        changed = true;
        log.info("zone action applied", "action", action.describe());
      } catch (ServiceFailure e) {
        log.error("zone action failed", "action", action.describe(), "error", e.getMessage());
        for (Work w : entry.getValue()) {
          if (action instanceof CreateReverseZone) {
            w.fail(action.describe() + " failed: " + e.getMessage());
          } else {
            w.alerts.add(
                new Alert(
                    w.instanceId,
                    AlertKind.ASSOCIATION_FAILED,
                    action.describe() + " failed: " + e.getMessage()));
          }
        }
      }
    }
    return changed;
  }
}
