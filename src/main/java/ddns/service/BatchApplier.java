package ddns.service;

import ddns.model.Claim;
import ddns.model.RecordKey;
import ddns.model.RecordSet;
import ddns.model.RegistrySnapshot;
import ddns.model.RegistryWrite;
import ddns.model.RegistryWrite.DeleteClaim;
import ddns.model.RegistryWrite.DeleteOwnership;
import ddns.model.RegistryWrite.PutClaim;
import ddns.model.RegistryWrite.PutOwnership;
import ddns.plan.ChangeBatchValidator;
import ddns.plan.ChangeBatches;
import ddns.plan.ChangePlan;
import ddns.plan.ChangePlanner;
import ddns.plan.Intent;
import ddns.plan.LiveRecords;
import ddns.plan.NameInZone;
import ddns.plan.PlannedChange;
import ddns.port.ConcurrentUpdateException;
import ddns.port.DnsZones;
import ddns.port.OwnershipRegistry;
import ddns.port.ServiceFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Reads the registry and the live records, plans the batch and applies it: registry claims, then
 * Route 53 (one request per zone, split only at Route 53's limits), then registry releases. A zone
 * whose request fails fails the instances with changes in it; the others complete.
 */
final class BatchApplier {
  /** Re-plans after a lost registry race before giving up on the batch. */
  private static final int ATTEMPTS = 5;

  /**
   * When every instance of a larger batch failed, the cause is shared (an unreachable service,
   * exhausted retries) and trying each alone would only multiply the calls; the batch fails whole.
   */
  private static final int MAX_ALONE = 10;

  private final DnsZones dns;
  private final OwnershipRegistry registry;
  private final ChangeBatchValidator validator;
  private final ChangePlanner planner = new ChangePlanner();
  private final JsonLog log;
  private final ToLongFunction<String> recordSetCount;

  /**
   * What a reconcile run read in bulk before planning: the whole registry and whole zones. Used for
   * the first attempt only; a re-plan after a lost race reads afresh, name by name.
   */
  record Preloaded(RegistrySnapshot registry, Map<String, List<RecordSet>> zones) {}

  BatchApplier(
      DnsZones dns,
      OwnershipRegistry registry,
      ChangeBatchValidator validator,
      JsonLog log,
      ToLongFunction<String> recordSetCount) {
    this.recordSetCount = recordSetCount;
    this.dns = dns;
    this.registry = registry;
    this.validator = validator;
    this.log = log;
  }

  void apply(List<Work> work, boolean dryRun) {
    apply(InstancePlanning.intents(work), work, dryRun, Optional.empty());
  }

  /**
   * Applies the batch together; if that fails for some of its instances, each of those is tried
   * again on its own, so one instance whose changes cannot be made (a refused change, a failing
   * call) fails its own message only and not the others planned with it.
   */
  void apply(List<Intent> intents, List<Work> work, boolean dryRun, Optional<Preloaded> preloaded) {
    applyTogether(intents, work, dryRun, preloaded);
    if (intents.size() < 2) {
      return;
    }
    Map<String, Work> byId = new HashMap<>();
    work.forEach(w -> byId.put(w.instanceId, w));
    List<Intent> failed = intents.stream().filter(i -> byId.get(i.instanceId()).failed()).toList();
    if (failed.isEmpty() || failed.size() == intents.size() && intents.size() > MAX_ALONE) {
      return;
    }
    log.warn(
        "batch partly failed; trying the failed instances one by one", "instances", failed.size());
    for (Intent intent : failed) {
      Work w = byId.get(intent.instanceId());
      w.retry();
      applyTogether(List.of(intent), List.of(w), dryRun, Optional.empty());
    }
  }

  private void applyTogether(
      List<Intent> intents, List<Work> work, boolean dryRun, Optional<Preloaded> preloaded) {
    if (intents.isEmpty()) {
      return;
    }
    Map<String, Work> byId = new HashMap<>();
    work.forEach(w -> byId.put(w.instanceId, w));
    ChangePlan plan = null;
    Map<RecordKey, PlannedChange> sent = new HashMap<>();
    for (int attempt = 1; ; attempt++) {
      try {
        plan =
            attempt == 1 && preloaded.isPresent()
                ? plan(intents, preloaded.get())
                : plan(intents, sent);
        if (dryRun) {
          report(plan, Set.of(), byId);
          return;
        }
        registry.write(plan.before());
        Set<String> failedZones = sendChanges(plan, byId, sent);
        registry.write(afterWrites(plan, failedZones, byId));
        report(plan, failedZones, byId);
        return;
      } catch (ConcurrentUpdateException e) {
        log.warn(
            "lost a race with another writer; reading and planning again",
            "attempt",
            attempt,
            "error",
            e.getMessage());
        if (attempt == ATTEMPTS) {
          intents.forEach(i -> byId.get(i.instanceId()).fail(e.getMessage()));
          if (plan != null) {
            report(plan, allZones(plan), byId);
          }
          return;
        }
      } catch (ServiceFailure e) {
        log.error("batch failed", "error", e.getMessage());
        intents.forEach(i -> byId.get(i.instanceId()).fail(e.getMessage()));
        if (plan != null) {
          report(plan, allZones(plan), byId);
        }
        return;
      }
    }
  }

  /** The plan's alerts, and the changes that went through (none of a failed zone). */
  private static void report(ChangePlan plan, Set<String> failedZones, Map<String, Work> byId) {
    plan.alerts().forEach(a -> byId.get(a.instanceId()).alerts.add(a));
    plan.accepted().forEach((id, records) -> byId.get(id).accepted = records);
    plan.changes().stream()
        .filter(c -> !failedZones.contains(c.zoneId()))
        .forEach(c -> byId.get(c.instanceId()).changes.add(c));
  }

  private static Set<String> allZones(ChangePlan plan) {
    return plan == null ? Set.of() : plan.changesByZone().keySet();
  }

  private ChangePlan plan(List<Intent> intents, Preloaded preloaded) {
    Map<NameInZone, List<RecordSet>> live = new HashMap<>();
    List<NameInZone> unread = new ArrayList<>();
    for (NameInZone name : ChangePlanner.namesToRead(intents, preloaded.registry(), Map.of())) {
      List<RecordSet> zone = preloaded.zones().get(name.zoneId());
      if (zone == null) {
        unread.add(name);
      } else {
        live.put(name, zone.stream().filter(r -> r.name().equals(name.name())).toList());
      }
    }
    live.putAll(readLive(new TreeSet<>(unread)).byName());
    return validated(planner.plan(intents, preloaded.registry(), new LiveRecords(live), Map.of()));
  }

  private ChangePlan plan(List<Intent> intents, Map<RecordKey, PlannedChange> sentBefore) {
    Set<String> ids = new TreeSet<>();
    Set<RecordKey> keys = new TreeSet<>();
    for (Intent intent : intents) {
      ids.add(intent.instanceId());
      intent.desired().forEach(d -> keys.add(d.key()));
    }
    RegistrySnapshot snapshot = registry.load(ids, keys);
    Set<RecordKey> owned = ChangePlanner.affectedKeys(intents, snapshot);
    owned.addAll(sentBefore.keySet());
    owned.removeAll(keys);
    if (!owned.isEmpty()) {
      RegistrySnapshot more = registry.load(List.of(), owned);
      Map<RecordKey, Claim> claims = new HashMap<>(snapshot.claims());
      claims.putAll(more.claims());
      snapshot = new RegistrySnapshot(snapshot.owners(), claims);
    }
    LiveRecords live = readLive(ChangePlanner.namesToRead(intents, snapshot, sentBefore));
    return validated(planner.plan(intents, snapshot, live, sentBefore));
  }

  /** Every batch checked against Route 53's rules: a violation here is a bug, never sent. */
  private ChangePlan validated(ChangePlan plan) {
    plan.changesByZone()
        .forEach(
            (zoneId, changes) -> {
              for (List<PlannedChange> request : ChangeBatches.split(changes)) {
                List<String> problems = validator.violations(changes.get(0).zoneName(), request);
                if (!problems.isEmpty()) {
                  throw new IllegalStateException(
                      "change batch for " + zoneId + " would be refused by Route 53: " + problems);
                }
              }
            });
    return plan;
  }

  /**
   * Reads the live records at the names, per zone either name by name or, when that would take more
   * requests than listing the whole zone (300 record sets a page), the whole zone at once.
   */
  private LiveRecords readLive(Set<NameInZone> names) {
    Map<String, List<NameInZone>> byZone = new TreeMap<>();
    names.forEach(n -> byZone.computeIfAbsent(n.zoneId(), z -> new ArrayList<>()).add(n));
    Map<NameInZone, List<RecordSet>> live = new LinkedHashMap<>();
    byZone.forEach(
        (zoneId, zoneNames) -> {
          long pages = Math.max(1, (recordSetCount.applyAsLong(zoneId) + 299) / 300);
          if (zoneNames.size() > pages) {
            Map<NameInZone, List<RecordSet>> all = new HashMap<>();
            for (RecordSet set : dns.allRecords(zoneId)) {
              all.computeIfAbsent(new NameInZone(zoneId, set.name()), n -> new ArrayList<>())
                  .add(set);
            }
            zoneNames.forEach(n -> live.put(n, all.getOrDefault(n, List.of())));
          } else {
            zoneNames.forEach(n -> live.put(n, dns.recordsAt(zoneId, n.name())));
          }
        });
    return new LiveRecords(live);
  }

  /**
   * One request per zone (more only past Route 53's limits). A zone that refuses fails the
   * instances with changes in it; a zone that changed since it was read makes the whole batch be
   * planned again ({@link ConcurrentUpdateException} goes up).
   */
  private Set<String> sendChanges(
      ChangePlan plan, Map<String, Work> byId, Map<RecordKey, PlannedChange> sent) {
    Set<String> failedZones = new HashSet<>();
    for (Map.Entry<String, List<PlannedChange>> zone : plan.changesByZone().entrySet()) {
      try {
        for (List<PlannedChange> request : ChangeBatches.split(zone.getValue())) {
          dns.apply(zone.getKey(), request);
          request.forEach(
              c -> sent.put(new RecordKey(c.zoneId(), c.set().name(), c.set().type()), c));
        }
      } catch (ConcurrentUpdateException e) {
        throw e;
      } catch (ServiceFailure e) {
        failedZones.add(zone.getKey());
        log.error("zone changes failed", "zoneId", zone.getKey(), "error", e.getMessage());
        zone.getValue().forEach(c -> byId.get(c.instanceId()).fail(e.getMessage()));
      }
    }
    return failedZones;
  }

  /** Releases for failed zones and failed instances wait for the retry. */
  private static List<RegistryWrite> afterWrites(
      ChangePlan plan, Set<String> failedZones, Map<String, Work> byId) {
    List<RegistryWrite> kept = new ArrayList<>();
    for (RegistryWrite write : plan.after()) {
      boolean skip =
          switch (write) {
            case PutClaim p -> failedZones.contains(p.claim().key().zoneId());
            case DeleteClaim d -> failedZones.contains(d.key().zoneId());
            case PutOwnership p -> byId.get(p.item().instanceId()).failed();
            case DeleteOwnership d -> byId.get(d.instanceId()).failed();
          };
      if (!skip) {
        kept.add(write);
      }
    }
    return kept;
  }
}
