package ddns.apply;

import static ddns.log.JsonLog.field;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.failure.ConcurrentUpdateException;
import ddns.failure.RefusedChangeException;
import ddns.failure.ServiceFailure;
import ddns.job.RunContext;
import ddns.log.JsonLog;
import ddns.plan.AccountBoundary;
import ddns.plan.ChangeBatchValidator;
import ddns.plan.ChangeBatches;
import ddns.plan.ChangePlan;
import ddns.plan.ChangePlanner;
import ddns.plan.ChangePolicy;
import ddns.plan.Intent;
import ddns.plan.PlannedChange;
import ddns.registry.OwnershipRegistry;
import ddns.registry.RegistrySnapshot;
import ddns.registry.RegistryWrite;
import ddns.registry.RegistryWrite.DeleteClaim;
import ddns.registry.RegistryWrite.DeleteOwnership;
import ddns.registry.RegistryWrite.PutClaim;
import ddns.registry.RegistryWrite.PutOwnership;
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
public final class BatchApplier {
  /** Re-plans after a lost registry race before giving up on the batch. */
  static final int ATTEMPTS = 5;

  /**
   * When every instance of a larger batch failed, the cause is shared (an unreachable service,
   * exhausted retries) and trying each alone would only multiply the calls; the batch fails whole.
   */
  static final int MAX_ALONE = 10;

  private final DnsZones dns;
  private final OwnershipRegistry registry;
  private final ChangeBatchValidator validator = new ChangeBatchValidator();
  private final ChangePlanner planner;
  private final LiveReader reader;
  private final ChangePolicy policy;
  private final JsonLog log;

  /**
   * What a reconcile run read in bulk before planning: the whole registry and whole zones. Used for
   * the first attempt only; a re-plan after a lost race reads afresh, name by name.
   */
  public record Preloaded(RegistrySnapshot registry, Map<ZoneId, List<RecordSet>> zones) {}

  /**
   * @param recordSetCount a zone's size as last listed, to choose between reading names one by one
   *     and listing the whole zone
   */
  public BatchApplier(
      DnsZones dns,
      OwnershipRegistry registry,
      JsonLog log,
      ToLongFunction<ZoneId> recordSetCount) {
    this(dns, registry, log, recordSetCount, ChangePolicy.SYNC);
  }

  /**
   * @param policy the changes the tool may make ({@code DDNS_POLICY}); the others are left out of
   *     each plan with a note
   */
  public BatchApplier(
      DnsZones dns,
      OwnershipRegistry registry,
      JsonLog log,
      ToLongFunction<ZoneId> recordSetCount,
      ChangePolicy policy) {
    this(dns, registry, log, recordSetCount, policy, AccountBoundary.STRICT, () -> "");
  }

  /**
   * @param boundary where each account's names end (docs/behaviour.md, "Many accounts and regions")
   * @param ownAccount the account the tool runs in (empty while it serves no other)
   */
  public BatchApplier(
      DnsZones dns,
      OwnershipRegistry registry,
      JsonLog log,
      ToLongFunction<ZoneId> recordSetCount,
      ChangePolicy policy,
      AccountBoundary boundary,
      java.util.function.Supplier<String> ownAccount) {
    this.planner = new ChangePlanner(boundary, ownAccount);
    this.policy = policy;
    this.dns = dns;
    this.registry = registry;
    this.log = log;
    this.reader = new LiveReader(dns, recordSetCount);
  }

  /**
   * Applies the batch together; if that fails for some of its instances, each of those is tried
   * again on its own, so one instance whose changes cannot be made (a refused change, a failing
   * call) fails its own message only and not the others planned with it. A dry run plans and
   * changes nothing; an adopt run takes over records that hold exactly what an instance should have
   * and that no instance claims, instead of refusing them as foreign.
   *
   * @param deadline no request is started after it; the instances not reached fail, so their
   *     messages come back
   * @return what was done, for every instance of {@code intents}
   */
  public Map<InstanceId, Applied> apply(
      List<Intent> intents, Optional<Preloaded> preloaded, RunContext context, Deadline deadline) {
    boolean dryRun = context.dryRun();
    boolean adopt = context.adopt();
    Map<InstanceId, Applied> results =
        new TreeMap<>(applyTogether(intents, dryRun, preloaded, adopt, deadline));
    if (intents.size() < 2) {
      return results;
    }
    List<Intent> failed =
        intents.stream().filter(i -> results.get(i.instanceId()).failed()).toList();
    if (failed.isEmpty() || failed.size() == intents.size() && intents.size() > MAX_ALONE) {
      return results;
    }
    log.warn(
        "batch partly failed; trying the failed instances one by one",
        field("instances", failed.size()));
    for (Intent intent : failed) {
      if (deadline.passed()) {
        log.warn("out of time; the failed instances left are handed back");
        break;
      }
      Applied alone =
          applyTogether(List.of(intent), dryRun, Optional.empty(), adopt, deadline)
              .get(intent.instanceId());
      results.merge(intent.instanceId(), alone, Applied::then);
    }
    return results;
  }

  private Map<InstanceId, Applied> applyTogether(
      List<Intent> intents,
      boolean dryRun,
      Optional<Preloaded> preloaded,
      boolean adopt,
      Deadline deadline) {
    if (intents.isEmpty()) {
      return Map.of();
    }
    ChangePlan plan = null;
    Map<RecordKey, PlannedChange> sent = new HashMap<>();
    for (int attempt = 1; ; attempt++) {
      try {
        plan =
            attempt == 1 && preloaded.isPresent()
                ? plan(intents, preloaded.get(), adopt)
                : plan(intents, sent, adopt);
        if (dryRun) {
          return report(intents, plan, Sending.NOTHING);
        }
        deadline.check("the batch's changes");
        registry.write(plan.before());
        Sending sending = sendChanges(plan, sent, deadline);
        Map<InstanceId, Applied> result = report(intents, plan, sending);
        registry.write(afterWrites(plan, sending.failedZones().keySet(), result));
        return result;
      } catch (ConcurrentUpdateException e) {
        log.warn(
            "lost a race with another writer; reading and planning again",
            field("attempt", attempt),
            field("error", e.getMessage()));
        if (attempt == ATTEMPTS) {
          return failAll(intents, plan, e.getMessage());
        }
      } catch (ServiceFailure e) {
        log.error("batch failed", field("error", e.getMessage()));
        return failAll(intents, plan, e.getMessage());
      }
    }
  }

  /** Every instance failed; the plan's alerts still count, none of its changes went through. */
  private static Map<InstanceId, Applied> failAll(
      List<Intent> intents, ChangePlan plan, String error) {
    Map<ZoneId, String> allZones = new HashMap<>();
    if (plan != null) {
      plan.changesByZone().keySet().forEach(z -> allZones.put(z, error));
    }
    Map<InstanceId, Applied> result =
        plan == null
            ? new HashMap<>()
            : new HashMap<>(report(intents, plan, new Sending(allZones, Map.of())));
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
   * zone, none Route 53 refused: those are alerted), and the failure of a zone it had changes in.
   */
  private static Map<InstanceId, Applied> report(
      List<Intent> intents, ChangePlan plan, Sending sending) {
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

  private ChangePlan plan(List<Intent> intents, Preloaded preloaded, boolean adopt) {
    var names = ChangePlanner.namesToRead(intents, preloaded.registry(), Map.of());
    return validated(
        planner.plan(
            intents, preloaded.registry(), reader.read(names, preloaded.zones()), Map.of(), adopt));
  }

  private ChangePlan plan(
      List<Intent> intents, Map<RecordKey, PlannedChange> sentBefore, boolean adopt) {
    Set<InstanceId> ids = new TreeSet<>();
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
      snapshot = snapshot.withClaimsOf(registry.load(List.of(), owned));
    }
    var live = reader.read(ChangePlanner.namesToRead(intents, snapshot, sentBefore));
    // Records of other types at those names may be the tool's too (another instance's): their
    // claims decide whether they are, so they are read as well.
    Set<RecordKey> others = new TreeSet<>();
    live.byName()
        .forEach(
            (name, sets) ->
                sets.forEach(s -> others.add(new RecordKey(name.zoneId(), name.name(), s.type()))));
    others.removeAll(snapshot.claims().keySet());
    others.removeAll(keys);
    others.removeAll(owned);
    if (!others.isEmpty()) {
      snapshot = snapshot.withClaimsOf(registry.load(List.of(), others));
    }
    return validated(planner.plan(intents, snapshot, live, sentBefore, adopt));
  }

  /**
   * Every request checked against Route 53's rules before it is sent. A change Route 53 would
   * refuse is never sent: it is left out, with a {@link AlertKind#RECORD_REFUSED} alert to its
   * instance, and the rest of the plan goes ahead. A refusal is a permanent problem of that one
   * record (a value edited by hand, a registry item from elsewhere), never a batch failure; the
   * claim writes stay as planned, so a refused deletion leaves the record unclaimed, the tool's no
   * longer.
   */
  private ChangePlan validated(ChangePlan unfiltered) {
    ChangePlan plan = policy.apply(unfiltered);
    Map<PlannedChange, List<String>> refused = new LinkedHashMap<>();
    plan.changesByZone()
        .forEach(
            (zoneId, changes) -> {
              for (List<PlannedChange> request : ChangeBatches.split(changes)) {
                refused.putAll(validator.refusals(changes.get(0).zoneName(), request));
              }
            });
    if (refused.isEmpty()) {
      return plan;
    }
    List<Alert> alerts = new ArrayList<>(plan.alerts());
    refused.forEach(
        (change, problems) -> {
          log.warn(
              "change left out: Route 53 would refuse it",
              field("instanceId", change.instanceId().value()),
              field("problems", problems));
          alerts.add(
              new Alert(
                  change.instanceId(),
                  AlertKind.RECORD_REFUSED,
                  "not sent, Route 53 would refuse it: " + String.join("; ", problems)));
        });
    List<PlannedChange> kept =
        plan.changes().stream().filter(c -> !refused.containsKey(c)).toList();
    return new ChangePlan(plan.before(), kept, plan.after(), alerts, plan.accepted(), plan.notes());
  }

  /**
   * What sending a plan came to: the zones whose requests failed (a failure Route 53's content
   * rules did not cause), with the error, and the changes Route 53 refused, with its reason.
   */
  private record Sending(Map<ZoneId, String> failedZones, Map<PlannedChange, String> refused) {
    static final Sending NOTHING = new Sending(Map.of(), Map.of());
  }

  /**
   * One request per zone (more only past Route 53's limits, and for each guarded name). A zone
   * whose request fails is returned with its error; a zone that changed since it was read makes the
   * whole batch be planned again ({@link ConcurrentUpdateException} goes up). A request Route 53
   * refuses for its content is split (docs/behaviour.md, "Route 53's rules"), so the refused names
   * alone stay out.
   */
  private Sending sendChanges(
      ChangePlan plan, Map<RecordKey, PlannedChange> sent, Deadline deadline) {
    Map<ZoneId, String> failedZones = new HashMap<>();
    Map<PlannedChange, String> refused = new LinkedHashMap<>();
    for (Map.Entry<ZoneId, List<PlannedChange>> zone : plan.changesByZone().entrySet()) {
      try {
        for (List<PlannedChange> request : ChangeBatches.split(zone.getValue())) {
          refused.putAll(send(zone.getKey(), request, sent, deadline));
        }
      } catch (ConcurrentUpdateException e) {
        throw e;
      } catch (ServiceFailure e) {
        failedZones.put(zone.getKey(), e.getMessage());
        log.error(
            "zone changes failed",
            field("zoneId", zone.getKey().value()),
            field("error", e.getMessage()));
      }
    }
    return new Sending(failedZones, refused);
  }

  /**
   * Sends one request. Refused for its content, it is sent again as two halves (by name), down to
   * single names: a name refused alone is Route 53's answer about that name, and the others go
   * through. A request of {@code n} names with one refused name costs about {@code 2·log2(n)} more
   * requests.
   *
   * @return the changes refused, with Route 53's reason
   */
  private Map<PlannedChange, String> send(
      ZoneId zone,
      List<PlannedChange> request,
      Map<RecordKey, PlannedChange> sent,
      Deadline deadline) {
    deadline.check("a Route 53 request for zone " + zone.value());
    try {
      dns.apply(zone, request);
      request.forEach(c -> sent.put(new RecordKey(c.zoneId(), c.set().name(), c.set().type()), c));
      return Map.of();
    } catch (RefusedChangeException e) {
      List<List<PlannedChange>> names = ChangeBatches.byName(request);
      if (names.size() == 1) {
        log.warn(
            "change refused by Route 53",
            field("zoneId", zone.value()),
            field("name", request.get(0).set().name().value()),
            field("error", e.getMessage()));
        Map<PlannedChange, String> refused = new LinkedHashMap<>();
        request.forEach(c -> refused.put(c, e.getMessage()));
        return refused;
      }
      Map<PlannedChange, String> refused = new LinkedHashMap<>();
      int half = names.size() / 2;
      refused.putAll(send(zone, flat(names.subList(0, half)), sent, deadline));
      refused.putAll(send(zone, flat(names.subList(half, names.size())), sent, deadline));
      return refused;
    }
  }

  private static List<PlannedChange> flat(List<List<PlannedChange>> groups) {
    return groups.stream().flatMap(List::stream).toList();
  }

  /** Releases for failed zones and failed instances wait for the retry. */
  private static List<RegistryWrite> afterWrites(
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
            case DeleteOwnership d -> failed.contains(d.instanceId());
          };
      if (!skip) {
        kept.add(write);
      }
    }
    return kept;
  }
}
