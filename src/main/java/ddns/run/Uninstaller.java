package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.apply.Applied;
import ddns.apply.BatchApplier;
import ddns.apply.BatchApplier.Preloaded;
import ddns.apply.Deadline;
import ddns.apply.DnsZones;
import ddns.apply.EmptyZones;
import ddns.dns.HostedZone;
import ddns.dns.RecordKey;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.facts.ZoneDirectory;
import ddns.failure.ServiceFailure;
import ddns.job.RunContext;
import ddns.log.JsonLog;
import ddns.plan.Action;
import ddns.plan.ChangeAction;
import ddns.plan.Intent;
import ddns.registry.AlertMemory;
import ddns.registry.CreatedZones;
import ddns.registry.OwnershipRegistry;
import ddns.registry.RegistrySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Takes route53-ddns out of the account (docs/behaviour.md, "Uninstall"): every record it wrote is
 * deleted through the same ownership rules as a stop (a record changed by hand is left and
 * reported), the registry is emptied, and the reverse zones it created are deleted when nothing
 * else is left in them. What EC2 says does not matter here: running instances lose their records
 * too.
 */
final class Uninstaller {
  private final DnsZones dns;
  private final OwnershipRegistry registry;
  private final AlertMemory alertMemory;
  private final CreatedZones createdZones;
  private final ZoneDirectory zones;
  private final BatchApplier applier;
  private final EmptyZones emptyZones;
  private final JsonLog log;

  Uninstaller(
      DnsZones dns,
      OwnershipRegistry registry,
      AlertMemory alertMemory,
      CreatedZones createdZones,
      ZoneDirectory zones,
      BatchApplier applier,
      JsonLog log) {
    this.dns = dns;
    this.registry = registry;
    this.alertMemory = alertMemory;
    this.createdZones = createdZones;
    this.zones = zones;
    this.applier = applier;
    this.emptyZones = new EmptyZones(dns, createdZones, log);
    this.log = log;
  }

  Reconciler.Result run(String runId, RunContext context) {
    boolean dryRun = context.dryRun();
    try {
      Trigger trigger = Trigger.uninstall(runId);
      RegistrySnapshot snapshot = Reconciler.withOrphanClaimants(registry.scan(), Set.of());
      Set<InstanceId> ids = new TreeSet<>(snapshot.owners().keySet());
      snapshot.unreadable().keySet().stream()
          .filter(InstanceId::isValid)
          .map(InstanceId::of)
          .forEach(ids::add);
      List<Intent> intents = ids.stream().map(Intent::deregister).toList();
      Map<InstanceId, Applied> applied =
          applier.apply(
              intents,
              Optional.of(new Preloaded(snapshot, Reconciler.zoneRecords(dns, intents, snapshot))),
              context,
              Deadline.none());
      List<InstanceResult> results = new ArrayList<>();
      for (InstanceId id : ids) {
        Decision d =
            new Decision(
                id,
                trigger,
                Optional.empty(),
                Action.DEREGISTER,
                "uninstall",
                Optional.empty(),
                List.of(),
                Optional.empty());
        results.add(
            InstanceResult.of(d, List.of(), List.of(), applied.getOrDefault(id, Applied.NOTHING)));
      }
      List<String> notes = new ArrayList<>();
      if (results.stream().anyMatch(InstanceResult::failed)) {
        notes.add(
            "some records could not be removed; the reverse zones and the alert memory are kept"
                + " until 'ddns uninstall' runs again and succeeds");
      } else {
        Set<RecordKey> deleted = new TreeSet<>();
        applied.values().stream()
            .flatMap(a -> a.changes().stream())
            .filter(c -> c.action() == ChangeAction.DELETE)
            .forEach(c -> deleted.add(new RecordKey(c.zoneId(), c.set().name(), c.set().type())));
        notes.addAll(deleteCreatedZones(dryRun, deleted));
        if (!dryRun) {
          alertMemory.forgetAll();
        }
      }
      log.info(
          "uninstalled",
          field("runId", runId),
          field("instances", results.size()),
          field("dryRun", dryRun));
      return new Reconciler.Result(results, Optional.empty(), notes);
    } catch (ServiceFailure e) {
      log.error("uninstall failed", field("runId", runId), field("error", e.getMessage()));
      return new Reconciler.Result(List.of(), Optional.of(e.getMessage()), List.of());
    }
  }

  /** The reverse zones the tool created (listed in the registry, or by caller reference). */
  private List<String> deleteCreatedZones(boolean dryRun, Set<RecordKey> deleted) {
    Set<ZoneId> listed = createdZones.all();
    List<HostedZone> ours =
        zones.zones().stream()
            .filter(z -> listed.contains(z.id()) || z.createdForVpc().isPresent())
            .toList();
    Set<ZoneId> stale = new TreeSet<>(listed);
    ours.forEach(z -> stale.remove(z.id()));
    if (!dryRun) {
      stale.forEach(createdZones::forget); // deleted by hand: nothing left to delete
    }
    EmptyZones.Result result = emptyZones.deleteEmpty(ours, listed, dryRun, deleted);
    return result.zones().stream().map(EmptyZones.Looked::note).toList();
  }
}
