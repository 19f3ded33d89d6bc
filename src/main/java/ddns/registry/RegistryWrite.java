package ddns.registry;

import ddns.dns.HostedZone;
import ddns.dns.RecordKey;
import ddns.facts.InstanceId;

/**
 * One conditional write to the registry. {@code expectedVersion} is the version the item must have
 * (0: must not exist); a put stores {@code expectedVersion + 1}.
 */
public sealed interface RegistryWrite {

  long expectedVersion();

  record PutOwnership(Ownership item, long expectedVersion) implements RegistryWrite {}

  record DeleteOwnership(InstanceId instanceId, long expectedVersion) implements RegistryWrite {}

  record PutClaim(Claim claim, long expectedVersion) implements RegistryWrite {}

  record DeleteClaim(RecordKey key, long expectedVersion) implements RegistryWrite {}

  /**
   * Lists a zone the tool just created (see {@link CreatedZones}), with the batch's first write so
   * the batch writes the registry once; unconditional.
   */
  record RememberZone(HostedZone zone) implements RegistryWrite {
    @Override
    public long expectedVersion() {
      return 0;
    }
  }
}
