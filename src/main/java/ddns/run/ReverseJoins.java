package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.dns.DesiredRecord;
import ddns.dns.RecordKey;
import ddns.dns.RecordType;
import ddns.dns.ZoneId;
import ddns.failure.ServiceFailure;
import ddns.log.JsonLog;
import ddns.plan.InstancePlan;
import ddns.plan.ZoneAction;
import ddns.plan.ZoneAction.AssociateVpc;
import ddns.registry.Claim;
import ddns.registry.Claimant;
import ddns.registry.OwnershipRegistry;
import ddns.registry.RegistrySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reverse zone whose pointers for the instance's addresses are held by an instance of another VPC
 * (two VPCs with the same range, often of two accounts) is not joined by the instance's VPC
 * (docs/behaviour.md, "Reverse zones"): inside that VPC, the zone would answer the other VPC's
 * names for its own addresses. The join and the pointer are left out, with an {@code
 * ASSOCIATION_REFUSED} alert. One registry read per batch that would join a reverse zone.
 */
final class ReverseJoins {
  private final OwnershipRegistry registry;
  private final JsonLog log;

  ReverseJoins(OwnershipRegistry registry, JsonLog log) {
    this.registry = registry;
    this.log = log;
  }

  List<Decision> check(List<Decision> decisions) {
    Set<RecordKey> pointers = new TreeSet<>();
    for (Decision d : decisions) {
      joins(d).forEach(join -> pointers.addAll(pointersIn(d, join.zoneId())));
    }
    if (pointers.isEmpty()) {
      return decisions;
    }
    RegistrySnapshot claims;
    try {
      claims = registry.load(List.of(), pointers);
    } catch (ServiceFailure e) {
      // The join goes ahead unchecked, as before this rule; the pointers' claims still hold.
      log.warn(
          "could not read who holds the pointers of a reverse zone",
          field("error", e.getMessage()));
      return decisions;
    }
    return decisions.stream().map(d -> checked(d, claims)).toList();
  }

  private Decision checked(Decision d, RegistrySnapshot claims) {
    Decision out = d;
    for (AssociateVpc join : joins(d)) {
      Optional<Claimant> other =
          pointersIn(d, join.zoneId()).stream()
              .flatMap(key -> claims.claim(key).stream())
              .map(Claim::claimants)
              .flatMap(c -> c.values().stream())
              .filter(c -> c.vpc().isPresent() && !c.vpc().get().equals(join.vpcId()))
              .findFirst();
      if (other.isPresent()) {
        out = out.replanned(refused(out.plan().orElseThrow(), join, other.get()));
      }
    }
    return out;
  }

  private static InstancePlan refused(InstancePlan plan, AssociateVpc join, Claimant holder) {
    List<DesiredRecord> records =
        plan.records().stream().filter(r -> !r.key().zoneId().equals(join.zoneId())).toList();
    List<ZoneAction> actions = plan.zoneActions().stream().filter(a -> !a.equals(join)).toList();
    List<Alert> alerts = new ArrayList<>(plan.alerts());
    alerts.add(
        new Alert(
            plan.instanceId(),
            AlertKind.ASSOCIATION_REFUSED,
            "reverse zone "
                + join.zoneName()
                + " ("
                + join.zoneId()
                + ") holds the pointers of "
                + holder.vpc().orElseThrow()
                + " (instance "
                + holder.instanceId()
                + ") for this instance's addresses: "
                + join.vpcId()
                + " is not joined to it, and this instance gets no PTR there; give each VPC with"
                + " that range a reverse zone of its own"));
    return new InstancePlan(
        plan.instanceId(),
        records,
        actions,
        alerts,
        plan.notes(),
        plan.reasons(),
        plan.pointerTargets());
  }

  private static List<AssociateVpc> joins(Decision d) {
    return d.zoneActions().stream()
        .filter(AssociateVpc.class::isInstance)
        .map(AssociateVpc.class::cast)
        .filter(a -> a.zoneName().isReverse())
        .toList();
  }

  private static List<RecordKey> pointersIn(Decision d, ZoneId zone) {
    return d.plan().map(InstancePlan::records).orElse(List.of()).stream()
        .map(DesiredRecord::key)
        .filter(k -> k.zoneId().equals(zone) && k.type() == RecordType.PTR)
        .toList();
  }
}
