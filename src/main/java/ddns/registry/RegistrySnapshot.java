package ddns.registry;

import ddns.dns.RecordKey;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the registry holds for the instances and record sets of one batch.
 *
 * @param unreadable items the tool cannot read as its own, by item key, with the reason: the AWS
 *     sample's items, or damaged ones. They are skipped, never fatal.
 * @param createdZones the reverse zones the tool created, as listed (a whole-table read only)
 */
public record RegistrySnapshot(
    Map<InstanceId, Ownership> owners,
    Map<RecordKey, Claim> claims,
    Map<String, String> unreadable,
    Set<ZoneId> createdZones) {

  public RegistrySnapshot {
    owners = Map.copyOf(owners);
    claims = Map.copyOf(claims);
    unreadable = Collections.unmodifiableMap(new TreeMap<>(unreadable));
    createdZones = Set.copyOf(createdZones);
  }

  public RegistrySnapshot(
      Map<InstanceId, Ownership> owners,
      Map<RecordKey, Claim> claims,
      Map<String, String> unreadable) {
    this(owners, claims, unreadable, Set.of());
  }

  public RegistrySnapshot(Map<InstanceId, Ownership> owners, Map<RecordKey, Claim> claims) {
    this(owners, claims, Map.of());
  }

  public Optional<Ownership> owner(InstanceId instanceId) {
    return Optional.ofNullable(owners.get(instanceId));
  }

  public Optional<Claim> claim(RecordKey key) {
    return Optional.ofNullable(claims.get(key));
  }

  /**
   * Why the item kept under this instance's key cannot be read, when it cannot: the tool replaces
   * such an item (the sample's, or a damaged one) with its own when it handles the instance.
   */
  public Optional<String> unreadableItemOf(InstanceId instanceId) {
    return Optional.ofNullable(unreadable.get(instanceId.value()));
  }

  /** This snapshot with the claims of another read of the same registry added. */
  public RegistrySnapshot withClaimsOf(RegistrySnapshot more) {
    Map<RecordKey, Claim> allClaims = new java.util.HashMap<>(claims);
    allClaims.putAll(more.claims);
    Map<String, String> allUnreadable = new TreeMap<>(unreadable);
    allUnreadable.putAll(more.unreadable);
    return new RegistrySnapshot(owners, allClaims, allUnreadable, createdZones);
  }
}
