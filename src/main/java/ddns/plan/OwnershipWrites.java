package ddns.plan;

import ddns.dns.DesiredRecord;
import ddns.dns.RecordKey;
import ddns.registry.Ownership;
import ddns.registry.RegistrySnapshot;
import ddns.registry.RegistryWrite;
import ddns.registry.RegistryWrite.DeleteOwnership;
import ddns.registry.RegistryWrite.PutOwnership;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The writes of an instance's own registry item (the records it owns) that go with a batch's
 * changes, and what is worth saying about the item. Part of {@link ChangePlanner}.
 */
final class OwnershipWrites {
  private OwnershipWrites() {}

  /** The instance item lists, until the batch is done, everything it may still hold. */
  static void of(
      Intent intent,
      List<DesiredRecord> accepted,
      RegistrySnapshot registry,
      List<RegistryWrite> before,
      List<RegistryWrite> after) {
    Optional<Ownership> old = registry.owner(intent.instanceId());
    long version = old.map(Ownership::version).orElse(0L);
    List<DesiredRecord> owned = old.map(Ownership::records).orElse(List.of());
    // An item the tool cannot read (the AWS sample's) is replaced by a put, or deleted here.
    boolean unreadable =
        old.isEmpty() && registry.unreadableItemOf(intent.instanceId()).isPresent();
    if (!intent.register()) {
      old.ifPresent(o -> after.add(new DeleteOwnership(intent.instanceId(), version)));
      if (unreadable) {
        after.add(new DeleteOwnership(intent.instanceId(), 0));
      }
      return;
    }
    Map<RecordKey, DesiredRecord> union = new TreeMap<>();
    owned.forEach(r -> union.put(r.key(), r));
    accepted.forEach(r -> union.put(r.key(), r));
    List<DesiredRecord> unionList = List.copyOf(union.values());
    if (unionList.isEmpty()) {
      // A running instance that owns nothing needs no item; one left from before goes.
      old.ifPresent(o -> after.add(new DeleteOwnership(intent.instanceId(), version)));
      if (unreadable) {
        after.add(new DeleteOwnership(intent.instanceId(), 0));
      }
      return;
    }
    Ownership during =
        new Ownership(
            intent.instanceId(), version + 1, intent.launchTime(), unionList, intent.facts());
    boolean unchanged =
        old.isPresent()
            && old.get().records().equals(unionList)
            && old.get().facts().equals(intent.facts())
            && old.get().launchTime().equals(intent.launchTime());
    long next = version;
    if (!unchanged) {
      before.add(new PutOwnership(during, version));
      next++;
    }
    if (accepted.isEmpty()) {
      after.add(new DeleteOwnership(intent.instanceId(), next));
    } else if (!unionList.equals(accepted.stream().sorted().toList())) {
      after.add(
          new PutOwnership(
              new Ownership(
                  intent.instanceId(), next + 1, intent.launchTime(), accepted, intent.facts()),
              next));
    }
  }

  /**
   * What the registry held for an instance, when that is worth saying: no item at all for a
   * deregistration (nothing recorded to remove), or an item the tool cannot read.
   */
  static Optional<String> note(
      Intent intent, RegistrySnapshot registry, List<RegistryWrite> before) {
    if (registry.owner(intent.instanceId()).isPresent()) {
      return Optional.empty();
    }
    Optional<String> unreadable = registry.unreadableItemOf(intent.instanceId());
    if (unreadable.isPresent()) {
      return Optional.of(
          "its registry item was "
              + unreadable.get()
              + "; this tool does not read it, and "
              + (before.stream().anyMatch(w -> replaces(w, intent))
                  ? "replaces it with its own"
                  : "removes it"));
    }
    if (!intent.register()) {
      return Optional.of(
          "no registry item for this instance, so nothing is recorded to remove; if its item was"
              + " deleted by hand, the next reconcile removes what its claims still name");
    }
    return Optional.empty();
  }

  private static boolean replaces(RegistryWrite write, Intent intent) {
    return write instanceof PutOwnership p && p.item().instanceId().equals(intent.instanceId());
  }
}
