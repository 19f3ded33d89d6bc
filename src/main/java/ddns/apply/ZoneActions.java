package ddns.apply;

import static ddns.log.JsonLog.field;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.dns.HostedZone;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.failure.ServiceFailure;
import ddns.job.RunContext;
import ddns.log.JsonLog;
import ddns.plan.ZoneAction;
import ddns.plan.ZoneAction.AssociateVpc;
import ddns.plan.ZoneAction.CreateReverseZone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Creates the reverse zones and VPC associations that planned records need, once per batch. A
 * failed action is alerted and the instance goes on: its other records are still written. A zone
 * that cannot be created (the account's quota of hosted zones, or any refusal) costs the instance
 * its pointer only ({@link AlertKind#MISSING_REVERSE_ZONE}); an association that fails costs the
 * records in that zone ({@link AlertKind#ASSOCIATION_FAILED}). A created zone is listed in the
 * registry with the batch's first write ({@link BatchApplier}).
 */
public final class ZoneActions {
  /** What to do about the account's zone quota, said where Route 53 refused for it. */
  static final String QUOTA_ADVICE =
      " (the account's quota of hosted zones is reached: ask for a higher quota, make a covering"
          + " reverse zone such as 10.in-addr.arpa, or set DDNS_DELETE_EMPTY_REVERSE_ZONES so the"
          + " zones route53-ddns created are deleted once empty)";

  private final DnsZones dns;
  private final JsonLog log;

  public ZoneActions(DnsZones dns, JsonLog log) {
    this.dns = dns;
    this.log = log;
  }

  /**
   * What the zone actions did, per instance that needed them.
   *
   * @param needed each instance's actions, described (also in a dry run, where none is applied)
   * @param alerts failed zone creations and associations
   * @param created the zones created, each associated with the VPC it was created for (in a dry
   *     run, those it would create)
   * @param associated the zones a VPC (the key) was associated with
   */
  public record Result(
      Map<InstanceId, List<String>> needed,
      Map<InstanceId, List<Alert>> alerts,
      List<HostedZone> created,
      Map<String, Set<ZoneId>> associated) {
    public Result {
      needed = Map.copyOf(needed);
      alerts = Map.copyOf(alerts);
      created = List.copyOf(created);
      associated = Map.copyOf(associated);
    }

    /** Something was created or associated: plans made before are stale. */
    public boolean changed() {
      return !created.isEmpty() || !associated.isEmpty();
    }
  }

  /**
   * Applies each distinct action once, for every instance that needs it. A dry run applies none:
   * the zones it would create come back as created, with planned ids ({@link ZoneId#planned}), so
   * that the plan made with them counts the records they would receive.
   */
  public Result apply(Map<InstanceId, List<ZoneAction>> byInstance, RunContext context) {
    Map<ZoneAction, List<InstanceId>> instancesOf = new LinkedHashMap<>();
    new TreeMap<>(byInstance)
        .forEach(
            (id, actions) ->
                actions.forEach(
                    a -> instancesOf.computeIfAbsent(a, k -> new ArrayList<>()).add(id)));
    Map<InstanceId, List<String>> needed = new TreeMap<>();
    Map<InstanceId, List<Alert>> alerts = new TreeMap<>();
    List<HostedZone> created = new ArrayList<>();
    Map<String, Set<ZoneId>> associated = new TreeMap<>();
    for (Map.Entry<ZoneAction, List<InstanceId>> entry : instancesOf.entrySet()) {
      ZoneAction action = entry.getKey();
      entry
          .getValue()
          .forEach(id -> needed.computeIfAbsent(id, k -> new ArrayList<>()).add(action.describe()));
      if (context.dryRun()) {
        if (action instanceof CreateReverseZone create) {
          created.add(
              new HostedZone(
                  ZoneId.planned(created.size() + 1),
                  create.zoneName(),
                  true,
                  0,
                  Optional.of(create.vpcId())));
        }
        continue;
      }
      try {
        switch (action) {
          case CreateReverseZone create -> {
            HostedZone zone = dns.createPrivateZone(create.zoneName(), create.vpcId());
            created.add(zone);
          }
          case AssociateVpc associate -> {
            dns.associate(associate.zoneId(), associate.vpcId());
            associated
                .computeIfAbsent(associate.vpcId(), v -> new TreeSet<>())
                .add(associate.zoneId());
          }
        }
        log.info("zone action applied", field("action", action.describe()));
      } catch (ServiceFailure e) {
        log.error(
            "zone action failed",
            field("action", action.describe()),
            field("error", e.getMessage()));
        for (InstanceId id : entry.getValue()) {
          alerts.computeIfAbsent(id, k -> new ArrayList<>()).add(failed(id, action, e));
        }
      }
    }
    return new Result(needed, alerts, created, associated);
  }

  private static Alert failed(InstanceId id, ZoneAction action, ServiceFailure e) {
    String why = action.describe() + " failed: " + e.getMessage();
    return switch (action) {
      case CreateReverseZone create ->
          new Alert(
              id,
              AlertKind.MISSING_REVERSE_ZONE,
              why
                  + (e.getMessage().contains("TooManyHostedZones") ? QUOTA_ADVICE : "")
                  + "; the other records are written: no PTR until the zone exists");
      case AssociateVpc associate -> new Alert(id, AlertKind.ASSOCIATION_FAILED, why);
    };
  }
}
