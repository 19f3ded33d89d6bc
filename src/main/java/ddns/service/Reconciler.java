package ddns.service;

import ddns.model.Claim;
import ddns.model.DesiredRecord;
import ddns.model.InstanceFacts;
import ddns.model.Ownership;
import ddns.model.RecordSet;
import ddns.model.RegistrySnapshot;
import ddns.plan.Intent;
import ddns.port.DnsZones;
import ddns.port.InstanceSource;
import ddns.port.OwnershipRegistry;
import ddns.service.BatchApplier.Preloaded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Brings DNS and the registry in line with what runs now (DESIGN section 7), in bulk: all running
 * instances (paged DescribeInstances), the whole registry (Scan), and the zones concerned
 * (ListResourceRecordSets, all pages), then the same planner as the event path and batched changes.
 * No call is made per instance, except one DescribeInstances per 200 registered instances that no
 * longer run, to report their state.
 */
final class Reconciler {
  private final InstanceSource ec2;
  private final DnsZones dns;
  private final OwnershipRegistry registry;
  private final InstancePlanning planning;
  private final BatchApplier applier;

  Reconciler(
      InstanceSource ec2,
      DnsZones dns,
      OwnershipRegistry registry,
      InstancePlanning planning,
      BatchApplier applier) {
    this.ec2 = ec2;
    this.dns = dns;
    this.registry = registry;
    this.planning = planning;
    this.applier = applier;
  }

  List<Work> run(String runId, boolean dryRun) {
    Trigger trigger = Trigger.reconcile(runId);
    Map<String, Work> work = new TreeMap<>();
    for (InstanceFacts facts : ec2.running()) {
      Work w = new Work(facts.instanceId(), trigger);
      w.facts = Optional.of(facts);
      work.put(facts.instanceId(), w);
    }
    RegistrySnapshot snapshot = withOrphanClaimants(registry.scan(), work.keySet());
    Set<String> gone = new TreeSet<>(snapshot.owners().keySet());
    gone.removeAll(work.keySet());
    Map<String, InstanceFacts> goneFacts = gone.isEmpty() ? Map.of() : ec2.describe(gone);
    for (String id : gone) {
      Optional<InstanceFacts> facts = Optional.ofNullable(goneFacts.get(id));
      if (facts.isPresent() && facts.get().state().registers()) {
        continue; // started since the listing: its own event (or the next run) registers it
      }
      Work w = new Work(id, trigger);
      w.facts = facts;
      work.put(id, w);
    }
    List<Work> all = List.copyOf(work.values());
    planning.plan(all, dryRun);
    List<Intent> intents = InstancePlanning.intents(all);
    applier.apply(
        intents, all, dryRun, Optional.of(new Preloaded(snapshot, zoneRecords(intents, snapshot))));
    return all;
  }

  /** Every record of every zone the plan can touch: zones of wanted records and of claims. */
  private Map<String, List<RecordSet>> zoneRecords(
      List<Intent> intents, RegistrySnapshot snapshot) {
    Set<String> zoneIds = new TreeSet<>();
    intents.forEach(i -> i.desired().forEach(d -> zoneIds.add(d.key().zoneId())));
    snapshot.claims().keySet().forEach(k -> zoneIds.add(k.zoneId()));
    Map<String, List<RecordSet>> zones = new HashMap<>();
    for (String zoneId : zoneIds) {
      zones.put(zoneId, dns.allRecords(zoneId));
    }
    return zones;
  }

  /**
   * Claimants without an instance item (left by an interrupted run) that no longer run get one
   * here, listing the claims that name them, so the plan releases those claims as well.
   */
  private static RegistrySnapshot withOrphanClaimants(
      RegistrySnapshot snapshot, Set<String> running) {
    Map<String, List<DesiredRecord>> orphans = new LinkedHashMap<>();
    for (Claim claim : snapshot.claims().values()) {
      claim
          .claimants()
          .forEach(
              (id, claimant) -> {
                if (!running.contains(id) && snapshot.owner(id).isEmpty()) {
                  RecordSet set =
                      new RecordSet(
                          claim.key().name(),
                          claim.key().type(),
                          claimant.ttl(),
                          claimant.values());
                  orphans
                      .computeIfAbsent(id, k -> new ArrayList<>())
                      .add(new DesiredRecord(claim.key(), claim.zoneName(), set));
                }
              });
    }
    if (orphans.isEmpty()) {
      return snapshot;
    }
    Map<String, Ownership> owners = new HashMap<>(snapshot.owners());
    orphans.forEach(
        (id, records) -> owners.put(id, new Ownership(id, 0, Instant.EPOCH, records, Map.of())));
    return new RegistrySnapshot(owners, snapshot.claims());
  }
}
