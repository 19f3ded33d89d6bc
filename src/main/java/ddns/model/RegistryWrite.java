package ddns.model;

/**
 * One conditional write to the registry. {@code expectedVersion} is the version the item must have
 * (0: must not exist); a put stores {@code expectedVersion + 1}.
 */
public sealed interface RegistryWrite {

  long expectedVersion();

  String itemKey();

  record PutOwnership(Ownership item, long expectedVersion) implements RegistryWrite {
    @Override
    public String itemKey() {
      return item.instanceId();
    }
  }

  record DeleteOwnership(String instanceId, long expectedVersion) implements RegistryWrite {
    @Override
    public String itemKey() {
      return instanceId;
    }
  }

  record PutClaim(Claim claim, long expectedVersion) implements RegistryWrite {
    @Override
    public String itemKey() {
      return claim.key().toString();
    }
  }

  record DeleteClaim(RecordKey key, long expectedVersion) implements RegistryWrite {
    @Override
    public String itemKey() {
      return key.toString();
    }
  }
}
