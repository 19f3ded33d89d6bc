package ddns.apply;

import static ddns.log.JsonLog.field;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.apply.ChangeSender.Sending;
import ddns.dns.HostedZone;
import ddns.dns.NameInZone;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.failure.ConcurrentUpdateException;
import ddns.failure.ServiceFailure;
import ddns.job.RunContext;
import ddns.log.JsonLog;
import ddns.plan.AccountBoundary;
import ddns.plan.ChangeBatchValidator;
import ddns.plan.ChangeBatches;
import ddns.plan.ChangePlan;
import ddns.plan.ChangePlanner;
import ddns.plan.ChangePolicy;
import ddns.plan.ExpectedRecords;
import ddns.plan.Intent;
import ddns.plan.LiveRecords;
import ddns.plan.PlannedChange;
import ddns.registry.Claim;
import ddns.registry.OwnershipRegistry;
import ddns.registry.RegistrySnapshot;
import ddns.registry.RegistryWrite;
import ddns.registry.RegistryWrite.DeleteClaim;
import ddns.registry.RegistryWrite.PutClaim;
import ddns.registry.RegistryWrite.RememberZone;
import java.util.ArrayList;
import java.util.HashMap;
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

  private final OwnershipRegistry registry;
  private final ChangeBatchValidator validator = new ChangeBatchValidator();
  private final ChangePlanner planner;
  private final LiveReader reader;
  private final ChangeSender sender;
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
    this.registry = registry;
    this.log = log;
    this.reader = new LiveReader(dns, recordSetCount);
    this.sender = new ChangeSender(dns, log);
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
    return apply(intents, preloaded, List.of(), context, deadline);
  }

  /**
   * As above, the zones the batch created listed in the registry with its first write (alone, if
   * the batch writes nothing).
   */
  public Map<InstanceId, Applied> apply(
      List<Intent> intents,
      Optional<Preloaded> preloaded,
      List<HostedZone> created,
      RunContext context,
      Deadline deadline) {
    boolean dryRun = context.dryRun();
    boolean adopt = context.adopt();
    List<RegistryWrite> zones = new ArrayList<>();
    if (!dryRun) {
      created.forEach(z -> zones.add(new RememberZone(z)));
    }
    Map<InstanceId, Applied> results =
        new TreeMap<>(applyTogether(intents, dryRun, preloaded, adopt, deadline, zones));
    rememberAlone(zones);
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
          applyTogether(
                  List.of(intent), dryRun, Optional.empty(), adopt, deadline, new ArrayList<>())
              .get(intent.instanceId());
      results.merge(intent.instanceId(), alone, Applied::then);
    }
    return results;
  }

  /**
   * One batch, planned and sent, planned again (up to {@link #ATTEMPTS} times) after a lost
   * registry race or a request refused because Route 53 held other records than the plan expected.
   * Events plan from what the registry says Route 53 holds ({@link ExpectedRecords}) and read only
   * the names a refusal named; a dry run, and a reconcile's first attempt, plan from what was read.
   */
  private Map<InstanceId, Applied> applyTogether(
      List<Intent> intents,
      boolean dryRun,
      Optional<Preloaded> preloaded,
      boolean adopt,
      Deadline deadline,
      List<RegistryWrite> zones) {
    if (intents.isEmpty()) {
      return Map.of();
    }
    ChangePlan plan = null;
    Map<RecordKey, PlannedChange> sent = new HashMap<>();
    Set<NameInZone> read = new TreeSet<>();
    boolean expect = !dryRun && preloaded.isEmpty();
    for (int attempt = 1; ; attempt++) {
      try {
        Planned planned =
            attempt == 1 && preloaded.isPresent()
                ? plan(intents, preloaded.get(), adopt)
                : plan(intents, sent, adopt, expect ? read : null);
        plan = planned.plan();
        if (dryRun) {
          return Outcomes.report(intents, plan, Sending.NOTHING, Map.of());
        }
        deadline.check("the batch's changes");
        registry.write(withZones(zones, plan.before()));
        zones.clear();
        Sending sending = sender.send(plan, sent, planned.read(), deadline);
        if (sending.unexpected()) {
          read.addAll(planned.read());
          read.addAll(sending.toRead());
          undo(planned.undoClaims(sending.unsent()));
          if (attempt == ATTEMPTS) {
            return Outcomes.failAll(
                intents, plan, "Route 53 kept refusing changes as stale: " + sending.toRead());
          }
          continue;
        }
        Map<InstanceId, Applied> result = Outcomes.report(intents, plan, sending, sent);
        registry.write(Outcomes.afterWrites(plan, sending.failedZones().keySet(), result));
        return result;
      } catch (ConcurrentUpdateException e) {
        log.warn(
            "lost a race with another writer; reading and planning again",
            field("attempt", attempt),
            field("error", e.getMessage()));
        if (attempt == ATTEMPTS) {
          return Outcomes.failAll(intents, plan, e.getMessage());
        }
      } catch (ServiceFailure e) {
        log.error("batch failed", field("error", e.getMessage()));
        return Outcomes.failAll(intents, plan, e.getMessage());
      }
    }
  }

  /** The zones still to list, first, with the batch's first write. */
  private static List<RegistryWrite> withZones(
      List<RegistryWrite> zones, List<RegistryWrite> writes) {
    List<RegistryWrite> all = new ArrayList<>(zones);
    all.addAll(writes);
    return all;
  }

  /**
   * Lists the created zones the batch did not list with a write of its own. Failing that is logged
   * only: the zone's caller reference still marks it as the tool's.
   */
  private void rememberAlone(List<RegistryWrite> zones) {
    if (zones.isEmpty()) {
      return;
    }
    try {
      registry.write(zones);
    } catch (ServiceFailure e) {
      log.warn("could not list a created zone in the registry", field("error", e.getMessage()));
    }
  }

  /**
   * Puts claims back one by one. One another writer changed meanwhile is left as that writer left
   * it: the writer planned with this batch's claimant in it.
   */
  private void undo(List<RegistryWrite> undo) {
    for (RegistryWrite write : undo) {
      try {
        registry.write(List.of(write));
      } catch (ConcurrentUpdateException e) {
        log.info("a claim changed meanwhile; left as it is", field("error", e.getMessage()));
      }
    }
  }

  /**
   * A plan, the names it was planned from reading (the others from what was expected), and the
   * claims as they were before it, for the record sets it claims for the batch's instances first.
   */
  private record Planned(ChangePlan plan, Set<NameInZone> read, Map<RecordKey, Claim> grown) {
    Planned(ChangePlan plan, Set<NameInZone> read, RegistrySnapshot before) {
      this(plan, read, grownClaims(plan, before));
    }

    private static Map<RecordKey, Claim> grownClaims(ChangePlan plan, RegistrySnapshot before) {
      Map<RecordKey, Claim> grown = new TreeMap<>();
      for (RegistryWrite write : plan.before()) {
        if (write instanceof PutClaim put) {
          Claim old =
              before
                  .claim(put.claim().key())
                  .orElse(put.claim().withClaimants(put.expectedVersion(), Map.of()));
          if (!old.claimants().keySet().containsAll(put.claim().claimants().keySet())) {
            grown.put(put.claim().key(), old);
          }
        }
      }
      return grown;
    }

    /**
     * The claims this plan grew for changes Route 53 refused, put back as they were: until its
     * record is written, a claim must not make a record set there look like the tool's. Each is
     * conditional on the version the plan wrote.
     */
    List<RegistryWrite> undoClaims(Set<RecordKey> unsent) {
      List<RegistryWrite> undo = new ArrayList<>();
      for (RegistryWrite write : plan.before()) {
        if (write instanceof PutClaim put && unsent.contains(put.claim().key())) {
          Claim old = grown.get(put.claim().key());
          if (old == null) {
            continue;
          }
          long written = put.claim().version();
          undo.add(
              old.claimants().isEmpty()
                  ? new DeleteClaim(old.key(), written)
                  : new PutClaim(old.withClaimants(written + 1, old.claimants()), written));
        }
      }
      return undo;
    }
  }

  private Planned plan(List<Intent> intents, Preloaded preloaded, boolean adopt) {
    var names = ChangePlanner.namesToRead(intents, preloaded.registry(), Map.of());
    return new Planned(
        validated(
            planner.plan(
                intents,
                preloaded.registry(),
                reader.read(names, preloaded.zones()),
                Map.of(),
                adopt)),
        names,
        Map.of());
  }

  /**
   * @param readOnly the names to read from Route 53, the others planned from what the registry says
   *     it holds; {@code null}: read every name
   */
  private Planned plan(
      List<Intent> intents,
      Map<RecordKey, PlannedChange> sentBefore,
      boolean adopt,
      Set<NameInZone> readOnly) {
    Set<RecordKey> wanted = new TreeSet<>();
    intents.forEach(intent -> intent.desired().forEach(d -> wanted.add(d.key())));
    RegistrySnapshot snapshot = loadRegistry(intents, wanted, sentBefore);
    Set<NameInZone> names = ChangePlanner.namesToRead(intents, snapshot, sentBefore);
    Set<NameInZone> toRead = new TreeSet<>(names);
    if (readOnly != null) {
      toRead.retainAll(readOnly);
    }
    Map<NameInZone, List<RecordSet>> read = new HashMap<>(reader.read(toRead).byName());
    snapshot = withOtherClaims(snapshot, read, wanted);
    ChangePlan plan = planFrom(intents, snapshot, names, sentBefore, read, adopt);
    Set<NameInZone> unconfirmed = unconfirmed(plan, read.keySet(), sentBefore.keySet());
    if (!unconfirmed.isEmpty()) {
      read.putAll(reader.read(unconfirmed).byName());
      toRead.addAll(unconfirmed);
      snapshot = withOtherClaims(snapshot, read, wanted);
      plan = planFrom(intents, snapshot, names, sentBefore, read, adopt);
    }
    return new Planned(plan, toRead, snapshot);
  }

  /** The batch's instance items and the claims of every record set it wants, owned or wrote. */
  private RegistrySnapshot loadRegistry(
      List<Intent> intents, Set<RecordKey> wanted, Map<RecordKey, PlannedChange> sentBefore) {
    Set<InstanceId> ids = new TreeSet<>();
    intents.forEach(intent -> ids.add(intent.instanceId()));
    RegistrySnapshot snapshot = registry.load(ids, wanted);
    Set<RecordKey> owned = ChangePlanner.affectedKeys(intents, snapshot);
    owned.addAll(sentBefore.keySet());
    owned.removeAll(wanted);
    if (!owned.isEmpty()) {
      snapshot = snapshot.withClaimsOf(registry.load(List.of(), owned));
    }
    return snapshot;
  }

  /**
   * Records of other types at the names read may be the tool's too (another instance's): their
   * claims decide whether they are, so they are read as well.
   */
  private RegistrySnapshot withOtherClaims(
      RegistrySnapshot snapshot, Map<NameInZone, List<RecordSet>> read, Set<RecordKey> wanted) {
    Set<RecordKey> others = new TreeSet<>();
    read.forEach(
        (name, sets) ->
            sets.forEach(s -> others.add(new RecordKey(name.zoneId(), name.name(), s.type()))));
    others.removeAll(snapshot.claims().keySet());
    others.removeAll(wanted);
    if (others.isEmpty()) {
      return snapshot;
    }
    return snapshot.withClaimsOf(registry.load(List.of(), others));
  }

  private ChangePlan planFrom(
      List<Intent> intents,
      RegistrySnapshot snapshot,
      Set<NameInZone> names,
      Map<RecordKey, PlannedChange> sentBefore,
      Map<NameInZone, List<RecordSet>> read,
      boolean adopt) {
    LiveRecords expected = ExpectedRecords.of(names, snapshot, sentBefore, new LiveRecords(read));
    return validated(planner.plan(intents, snapshot, expected, sentBefore, adopt));
  }

  /**
   * The names of records an instance keeps that the plan leaves alone only because the registry
   * says they are there already: a claim is written before its record, so a write that failed
   * leaves one behind. Those names are read, so a record the registry claims but Route 53 lacks is
   * written again. A new record, or one that changes, needs no read: its write is conditional.
   */
  private static Set<NameInZone> unconfirmed(
      ChangePlan plan, Set<NameInZone> read, Set<RecordKey> sent) {
    Set<RecordKey> changed = new TreeSet<>();
    plan.changes()
        .forEach(c -> changed.add(new RecordKey(c.zoneId(), c.set().name(), c.set().type())));
    Set<NameInZone> names = new TreeSet<>();
    plan.accepted()
        .values()
        .forEach(
            records ->
                records.stream()
                    .filter(d -> !changed.contains(d.key()) && !sent.contains(d.key()))
                    .map(d -> d.key().nameInZone())
                    .filter(n -> !read.contains(n) && !n.zoneId().isPlanned())
                    .forEach(names::add));
    return names;
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
}
