package ddns.apply;

import static ddns.log.JsonLog.field;

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
import ddns.plan.ChangePlan;
import ddns.plan.ChangePlanner;
import ddns.plan.ChangePolicy;
import ddns.plan.ExpectedRecords;
import ddns.plan.Intent;
import ddns.plan.PlannedChange;
import ddns.registry.OwnershipRegistry;
import ddns.registry.RegistrySnapshot;
import ddns.registry.RegistryWrite;
import ddns.registry.RegistryWrite.RememberZone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Plans the batch ({@link BatchPlans}) and applies it: registry claims (with the zones the batch
 * created), then Route 53 (one request per zone, split only at Route 53's limits; {@link
 * ChangeSender}), then registry releases. A request refused because Route 53 held other records
 * than expected makes the batch read the names refused and plan again. A zone whose request fails
 * fails the instances with changes in it; the others complete.
 */
public final class BatchApplier {
  /** Re-plans after a lost registry race or a refused expectation before giving up on the batch. */
  static final int ATTEMPTS = 5;

  /**
   * When every instance of a larger batch failed, the cause is shared (an unreachable service,
   * exhausted retries) and trying each alone would only multiply the calls; the batch fails whole.
   */
  static final int MAX_ALONE = 10;

  private final OwnershipRegistry registry;
  private final BatchPlans plans;
  private final ChangeSender sender;
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
    this.registry = registry;
    this.log = log;
    this.plans =
        new BatchPlans(
            registry,
            new LiveReader(dns, recordSetCount),
            new ChangePlanner(boundary, ownAccount),
            policy,
            log);
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
        BatchPlans.Planned planned =
            attempt == 1 && preloaded.isPresent()
                ? plans.fromPreloaded(intents, preloaded.get(), adopt)
                : plans.plan(intents, sent, adopt, expect ? read : null);
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
}
