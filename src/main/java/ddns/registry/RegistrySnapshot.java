package ddns.registry;

import ddns.dns.RecordKey;
import ddns.facts.InstanceId;
import java.util.Map;
import java.util.Optional;

/** What the registry holds for the instances and record sets of one batch. */
public record RegistrySnapshot(Map<InstanceId, Ownership> owners, Map<RecordKey, Claim> claims) {

  public RegistrySnapshot {
    owners = Map.copyOf(owners);
    claims = Map.copyOf(claims);
  }

  public Optional<Ownership> owner(InstanceId instanceId) {
    return Optional.ofNullable(owners.get(instanceId));
  }

  public Optional<Claim> claim(RecordKey key) {
    return Optional.ofNullable(claims.get(key));
  }
}
