package ddns.apply;

import static ddns.log.JsonLog.field;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.apply.BatchApplier.Preloaded;
import ddns.dns.NameInZone;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.facts.InstanceId;
import ddns.log.JsonLog;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Plans a batch for {@link BatchApplier}: reads the registry, and from Route 53 what the plan must
 * read (everything for a dry run or a reconcile, the names refused before for an event), expects
 * the rest ({@link ExpectedRecords}), plans with {@link ChangePlanner} and checks each request
 * against Route 53's rules.
 */
final class BatchPlans {
  private final OwnershipRegistry registry;
  private final LiveReader reader;
  private final ChangePlanner planner;
  private final ChangePolicy policy;
  private final ChangeBatchValidator validator = new ChangeBatchValidator();
  private final JsonLog log;

  BatchPlans(
      OwnershipRegistry registry,
      LiveReader reader,
      ChangePlanner planner,
      ChangePolicy policy,
      JsonLog log) {
    this.registry = registry;
    this.reader = reader;
    this.planner = planner;
    this.policy = policy;
    this.log = log;
  }

  /**
   * A plan, the names it was planned from reading (the others from what was expected), and the
   * claims as they were before it, for the record sets it claims for the batch's instances first.
   */
  record Planned(ChangePlan plan, Set<NameInZone> read, Map<RecordKey, Claim> grown) {
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

  Planned fromPreloaded(List<Intent> intents, Preloaded preloaded, boolean adopt) {
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
  Planned plan(
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
    Set<NameInZone> unconfirmed = unconfirmed(plan, snapshot, read.keySet(), sentBefore.keySet());
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
   * The names of records an instance keeps, and claimed before, that the plan leaves alone only
   * because the registry says they are there already: a claim is written before its record, so a
   * write that failed leaves one behind. Those names are read, so a record the registry claims but
   * Route 53 lacks is written again. A new record, or one that changes, needs no read: its write is
   * conditional.
   */
  private static Set<NameInZone> unconfirmed(
      ChangePlan plan, RegistrySnapshot registry, Set<NameInZone> read, Set<RecordKey> sent) {
    Set<RecordKey> changed = new TreeSet<>();
    plan.changes()
        .forEach(c -> changed.add(new RecordKey(c.zoneId(), c.set().name(), c.set().type())));
    Set<NameInZone> names = new TreeSet<>();
    plan.accepted()
        .forEach(
            (id, records) ->
                records.stream()
                    .filter(d -> !changed.contains(d.key()) && !sent.contains(d.key()))
                    .filter(d -> claimedBefore(registry, d.key(), id))
                    .map(d -> d.key().nameInZone())
                    .filter(n -> !read.contains(n) && !n.zoneId().isPlanned())
                    .forEach(names::add));
    return names;
  }

  /**
   * The instance claimed the record set before this batch: the registry says its own write is
   * there. A record set only others claimed was written by them; joining it changes nothing.
   */
  private static boolean claimedBefore(RegistrySnapshot registry, RecordKey key, InstanceId id) {
    return registry.claim(key).map(c -> c.claimants().containsKey(id)).orElse(false);
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
