package ddns.model;

import java.util.Map;
import java.util.Optional;

/** What the registry holds for the instances and record sets of one batch. */
public record RegistrySnapshot(Map<String, Ownership> owners, Map<RecordKey, Claim> claims) {

  public RegistrySnapshot {
    owners = Map.copyOf(owners);
    claims = Map.copyOf(claims);
  }

  public Optional<Ownership> owner(String instanceId) {
    return Optional.ofNullable(owners.get(instanceId));
  }

  public Optional<Claim> claim(RecordKey key) {
    return Optional.ofNullable(claims.get(key));
  }
}
