package ddns.registry;

import ddns.dns.RecordKey;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.facts.Workplace;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which items the registry holds, from one listing of the whole table ({@link
 * OwnershipRegistry#index}): the instance items, the claims with the ids of their claimants, the
 * reverse zones the tool created. A listing may be minutes old: an item written since may be
 * missing, one deleted since still there. It says where to look; what is found is read by key.
 *
 * @param claims each claim's key, with the instances it names
 */
public record RegistryIndex(
    Set<InstanceId> instances, Map<RecordKey, Set<InstanceId>> claims, Set<ZoneId> createdZones) {

  public RegistryIndex {
    instances = Set.copyOf(instances);
    Map<RecordKey, Set<InstanceId>> copy = new HashMap<>();
    claims.forEach((k, ids) -> copy.put(k, Set.copyOf(ids)));
    claims = Map.copyOf(copy);
    createdZones = Set.copyOf(createdZones);
  }

  /** The instance items of one workplace ({@code home}: the tool's own, whose ids are plain). */
  public Set<InstanceId> instancesIn(Workplace where, Workplace home) {
    Set<InstanceId> found = new TreeSet<>();
    instances.stream().filter(id -> id.workplaceIn(home).equals(where)).forEach(found::add);
    return found;
  }

  /** The claims that name at least one instance the test accepts. */
  public Set<RecordKey> claimsNaming(Predicate<InstanceId> claimant) {
    Set<RecordKey> found = new TreeSet<>();
    claims.forEach(
        (key, ids) -> {
          if (ids.stream().anyMatch(claimant)) {
            found.add(key);
          }
        });
    return found;
  }

  /** The claims at the names of these keys, of any type. */
  public Set<RecordKey> claimsAtNamesOf(Collection<RecordKey> keys) {
    Set<String> names = new java.util.HashSet<>();
    keys.forEach(k -> names.add(k.zoneId().value() + " " + k.name().value()));
    Set<RecordKey> found = new TreeSet<>();
    claims
        .keySet()
        .forEach(
            k -> {
              if (names.contains(k.zoneId().value() + " " + k.name().value())) {
                found.add(k);
              }
            });
    return found;
  }
}
