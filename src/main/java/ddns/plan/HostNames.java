package ddns.plan;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.dns.DesiredRecord;
import ddns.dns.NameInZone;
import ddns.dns.RecordKey;
import ddns.dns.RecordType;
import ddns.dns.Sharing;
import ddns.facts.InstanceId;
import ddns.registry.Claim;
import ddns.registry.Claimant;
import ddns.registry.RegistrySnapshot;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A host name is one instance's (docs/behaviour.md, "Names"): the instance that holds it keeps it;
 * a later one that asks for it is refused with {@code NAME_TAKEN}, until the holder stops or lets
 * go of it.
 */
final class HostNames {
  private static final List<RecordType> ADDRESS_TYPES = List.of(RecordType.A, RecordType.AAAA);

  private HostNames() {}

  /**
   * Who holds each host name the batch asks for: a claimant that keeps wanting it, else the
   * earliest launched instance of the batch that wants it (ties by instance id).
   */
  static Map<NameInZone, InstanceId> holders(List<Intent> intents, RegistrySnapshot registry) {
    Map<NameInZone, Map<InstanceId, Instant>> wanting = new HashMap<>();
    Map<InstanceId, Set<NameInZone>> wants = new HashMap<>();
    for (Intent intent : intents) {
      wants.put(intent.instanceId(), new TreeSet<>());
      for (DesiredRecord d : intent.desired()) {
        if (d.sharing() == Sharing.FIRST) {
          wanting
              .computeIfAbsent(d.key().nameInZone(), n -> new HashMap<>())
              .put(intent.instanceId(), intent.launchTime());
          wants.get(intent.instanceId()).add(d.key().nameInZone());
        }
      }
    }
    Map<NameInZone, InstanceId> holders = new HashMap<>();
    wanting.forEach(
        (name, candidates) -> {
          Optional<InstanceId> held =
              claimants(name, registry).stream()
                  .filter(
                      c ->
                          !wants.containsKey(c.instanceId())
                              || wants.get(c.instanceId()).contains(name))
                  .min(EARLIEST)
                  .map(Claimant::instanceId);
          holders.put(
              name,
              held.orElseGet(
                  () ->
                      candidates.entrySet().stream()
                          .min(
                              Map.Entry.<InstanceId, Instant>comparingByValue()
                                  .thenComparing(Map.Entry.comparingByKey()))
                          .orElseThrow()
                          .getKey()));
        });
    return holders;
  }

  private static final Comparator<Claimant> EARLIEST =
      Comparator.comparing(Claimant::launchTime).thenComparing(Claimant::instanceId);

  private static List<Claimant> claimants(NameInZone name, RegistrySnapshot registry) {
    return ADDRESS_TYPES.stream()
        .map(type -> new RecordKey(name.zoneId(), name.name(), type))
        .flatMap(key -> registry.claim(key).stream())
        .filter(c -> c.sharing() == Sharing.FIRST)
        .map(Claim::claimants)
        .flatMap(c -> c.values().stream())
        .toList();
  }

  /** The alert for a host name record another instance holds. */
  static Optional<Alert> taken(
      InstanceId instanceId, DesiredRecord d, Map<NameInZone, InstanceId> holders) {
    if (d.sharing() != Sharing.FIRST) {
      return Optional.empty();
    }
    InstanceId holder = holders.get(d.key().nameInZone());
    if (holder == null || holder.equals(instanceId)) {
      return Optional.empty();
    }
    return Optional.of(
        new Alert(
            instanceId,
            AlertKind.NAME_TAKEN,
            "host name "
                + d.key().name()
                + " in zone "
                + d.zoneName()
                + " is held by "
                + holder
                + "; this instance does not get it, and the next event or reconcile after "
                + holder
                + " lets go of it gives it the name"));
  }
}
