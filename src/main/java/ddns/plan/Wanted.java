package ddns.plan;

import ddns.dns.DesiredRecord;
import ddns.dns.RecordKey;
import ddns.facts.InstanceId;
import ddns.registry.Claim;
import ddns.registry.Claimant;
import ddns.registry.RegistrySnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * Which instances of a batch want which record sets, and which claimants keep wanting theirs: the
 * ground both {@link HostRecords} and {@link AccountBoundary} decide a holder on. A claimant that
 * is in the batch and no longer asks for the set lets go of it.
 */
final class Wanted {
  private final Map<RecordKey, List<Intent>> wanting = new HashMap<>();
  private final Map<InstanceId, Set<RecordKey>> wants = new HashMap<>();

  /** The record sets of the batch that {@code counts} says are looked at. */
  Wanted(List<Intent> intents, BiPredicate<Intent, DesiredRecord> counts) {
    for (Intent intent : intents) {
      wants.put(intent.instanceId(), new HashSet<>());
      for (DesiredRecord d : intent.desired()) {
        if (counts.test(intent, d)) {
          wanting.computeIfAbsent(d.key(), k -> new ArrayList<>()).add(intent);
          wants.get(intent.instanceId()).add(d.key());
        }
      }
    }
  }

  /** The record sets looked at, each with the instances of the batch that want it. */
  Map<RecordKey, List<Intent>> byKey() {
    return wanting;
  }

  /** The claimants of the set that keep wanting it. */
  Stream<Claimant> keeping(RecordKey key, RegistrySnapshot registry) {
    return registry.claim(key).map(Claim::claimants).orElse(Map.of()).values().stream()
        .filter(c -> !wants.containsKey(c.instanceId()) || wants.get(c.instanceId()).contains(key));
  }

  /** The earliest launched of the instances (ties: the lower id). */
  static Intent earliest(List<Intent> candidates) {
    return candidates.stream()
        .min(Comparator.comparing(Intent::launchTime).thenComparing(Intent::instanceId))
        .orElseThrow();
  }
}
