package ddns.run;

import ddns.dns.DesiredRecord;
import ddns.dns.RecordKey;
import ddns.facts.InstanceId;
import ddns.facts.Workplace;
import ddns.plan.Intent;
import ddns.registry.Claim;
import ddns.registry.Ownership;
import ddns.registry.OwnershipRegistry;
import ddns.registry.RegistryIndex;
import ddns.registry.RegistrySnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a reconcile of one account and region reads of the registry (docs/behaviour.md,
 * "Reconcile"): its own items, by key, not the whole table. The index ({@link
 * OwnershipRegistry#index}, a listing the adapter keeps a few minutes) names the workplace's
 * instance items and the claims naming its instances; those are read, with the items of its running
 * instances and the claims their items hold, then the items of the claims' other claimants of this
 * workplace (one without an item was left by an interrupted run). An item written after the listing
 * was made is seen by a later run.
 *
 * <table>
 *   <caption>a unit of 150 instances with an A record and a PTR each: BatchGetItem, 100 keys
 *   a request</caption>
 *   <tr><th>read</th><th>keys</th><th>requests</th></tr>
 *   <tr><td>instance items</td><td>150</td><td>2</td></tr>
 *   <tr><td>claims naming them</td><td>300</td><td>3</td></tr>
 *   <tr><td>the whole table, instead</td><td>every item</td><td>a Scan of every page</td></tr>
 * </table>
 */
final class WorkplaceRegistry {
  private final OwnershipRegistry registry;

  WorkplaceRegistry(OwnershipRegistry registry) {
    this.registry = registry;
  }

  /** The workplace's part of the registry, and the index it was found from. */
  record Slice(RegistrySnapshot snapshot, RegistryIndex index) {}

  Slice read(Workplace where, Workplace home, Set<InstanceId> running) {
    RegistryIndex index = registry.index();
    Set<InstanceId> ids = new TreeSet<>(index.instancesIn(where, home));
    ids.addAll(running);
    RegistrySnapshot items = registry.load(ids, List.of());
    Set<RecordKey> held =
        new TreeSet<>(index.claimsNaming(id -> id.workplaceIn(home).equals(where)));
    for (Ownership owner : items.owners().values()) {
      owner.records().forEach(r -> held.add(r.key()));
    }
    RegistrySnapshot claims = registry.load(List.of(), held);
    Set<InstanceId> unread = new TreeSet<>();
    for (Claim claim : claims.claims().values()) {
      claim.claimants().keySet().stream()
          .filter(id -> id.workplaceIn(home).equals(where))
          .filter(id -> !items.owners().containsKey(id))
          .forEach(unread::add);
    }
    Map<InstanceId, Ownership> owners = new HashMap<>(items.owners());
    Map<String, String> unreadable = new HashMap<>(items.unreadable());
    if (!unread.isEmpty()) {
      RegistrySnapshot theirs = registry.load(unread, List.of());
      owners.putAll(theirs.owners());
      unreadable.putAll(theirs.unreadable());
    }
    return new Slice(
        new RegistrySnapshot(owners, claims.claims(), unreadable, index.createdZones()), index);
  }

  /**
   * The snapshot with what planning the intents needs besides: the claims on the records they want,
   * and the claims the index lists at those names, of any type (whose holders decide whether a
   * record there is the tool's).
   */
  RegistrySnapshot forIntents(
      RegistrySnapshot snapshot, RegistryIndex index, List<Intent> intents) {
    Set<RecordKey> wanted = new TreeSet<>();
    for (Intent intent : intents) {
      intent.desired().stream().map(DesiredRecord::key).forEach(wanted::add);
    }
    wanted.addAll(index.claimsAtNamesOf(wanted));
    wanted.removeAll(snapshot.claims().keySet());
    wanted.removeIf(k -> k.zoneId().isPlanned());
    return wanted.isEmpty() ? snapshot : snapshot.withClaimsOf(registry.load(List.of(), wanted));
  }
}
