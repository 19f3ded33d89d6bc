package ddns.fakes;

import ddns.dns.HostedZone;
import ddns.dns.RecordKey;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.failure.ConcurrentUpdateException;
import ddns.registry.AlertMemory;
import ddns.registry.AlertMemory.Memory;
import ddns.registry.Claim;
import ddns.registry.CreatedZones;
import ddns.registry.Ownership;
import ddns.registry.OwnershipRegistry;
import ddns.registry.RegistrySnapshot;
import ddns.registry.RegistryWrite;
import ddns.registry.RegistryWrite.DeleteClaim;
import ddns.registry.RegistryWrite.DeleteOwnership;
import ddns.registry.RegistryWrite.PutClaim;
import ddns.registry.RegistryWrite.PutOwnership;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry in memory, with DynamoDB's conditional semantics: each write names the version it
 * expects, and a group of writes applies all or nothing. A test can make the next writes lose a
 * race.
 */
public final class FakeRegistry implements OwnershipRegistry, AlertMemory, CreatedZones {
  private final Map<InstanceId, Ownership> owners = new HashMap<>();
  private final Map<RecordKey, Claim> claims = new HashMap<>();
  private final Map<String, String> fingerprints = new HashMap<>();
  private final Map<String, Instant> expiries = new HashMap<>();
  private final List<Integer> rememberCalls = new java.util.ArrayList<>();
  private final Set<ZoneId> createdZones = new TreeSet<>();
  private int racesToLose;
  private int writes;
  private int scans;

  /** The next {@code count} write groups fail as if another writer got there first. */
  public void loseRaces(int count) {
    racesToLose = count;
  }

  public Map<InstanceId, Ownership> owners() {
    return Map.copyOf(owners);
  }

  public Map<RecordKey, Claim> claims() {
    return Map.copyOf(claims);
  }

  public int writeGroups() {
    return writes;
  }

  /** How often the whole table was read ({@link #scan}). */
  public int scans() {
    return scans;
  }

  @Override
  public void ensureTable() {}

  @Override
  public RegistrySnapshot load(Collection<InstanceId> instanceIds, Collection<RecordKey> keys) {
    Map<InstanceId, Ownership> o = new HashMap<>();
    instanceIds.forEach(id -> o.computeIfAbsent(id, owners::get));
    o.values().removeIf(v -> v == null);
    Map<RecordKey, Claim> c = new HashMap<>();
    keys.forEach(k -> c.computeIfAbsent(k, claims::get));
    c.values().removeIf(v -> v == null);
    return new RegistrySnapshot(o, c);
  }

  @Override
  public RegistrySnapshot scan() {
    scans++;
    return new RegistrySnapshot(owners, claims, Map.of(), createdZones);
  }

  /** Every item as it is now: the fake's listing is never old. */
  @Override
  public ddns.registry.RegistryIndex index() {
    Map<RecordKey, Set<InstanceId>> named = new HashMap<>();
    claims.forEach((k, c) -> named.put(k, c.claimants().keySet()));
    return new ddns.registry.RegistryIndex(owners.keySet(), named, createdZones);
  }

  @Override
  public void write(List<RegistryWrite> group) {
    if (group.isEmpty()) {
      return;
    }
    if (racesToLose > 0) {
      racesToLose--;
      throw new ConcurrentUpdateException("ConditionalCheckFailed (injected)", null);
    }
    for (RegistryWrite w : group) {
      long current =
          switch (w) {
            case PutOwnership p -> version(owners.get(p.item().instanceId()));
            case DeleteOwnership d -> version(owners.get(d.instanceId()));
            case PutClaim p -> version(claims.get(p.claim().key()));
            case DeleteClaim d -> version(claims.get(d.key()));
            case RegistryWrite.RememberZone r -> 0;
          };
      if (current != w.expectedVersion()) {
        throw new ConcurrentUpdateException("ConditionalCheckFailed on " + w, null);
      }
    }
    writes++;
    for (RegistryWrite w : group) {
      switch (w) {
        case PutOwnership p -> owners.put(p.item().instanceId(), p.item());
        case DeleteOwnership d -> owners.remove(d.instanceId());
        case PutClaim p -> claims.put(p.claim().key(), p.claim());
        case DeleteClaim d -> claims.remove(d.key());
        case RegistryWrite.RememberZone r -> createdZones.add(r.zone().id());
      }
    }
  }

  private static long version(Object item) {
    return switch (item) {
      case null -> 0;
      case Ownership o -> o.version();
      case Claim c -> c.version();
      default -> throw new IllegalStateException("not a registry item: " + item);
    };
  }

  @Override
  public Map<String, String> recall(Collection<String> subjects, Instant now) {
    Map<String, String> found = new HashMap<>();
    for (String id : subjects) {
      if (fingerprints.containsKey(id) && expiries.get(id).isAfter(now)) {
        found.put(id, fingerprints.get(id));
      }
    }
    return found;
  }

  @Override
  public void remember(List<Memory> memories) {
    rememberCalls.add(memories.size());
    memories.forEach(
        m -> {
          fingerprints.put(m.subject(), m.fingerprint());
          expiries.put(m.subject(), m.expiresAt());
        });
  }

  /** The number of memories handed over in each call of {@link #remember(List)}. */
  public List<Integer> rememberCalls() {
    return List.copyOf(rememberCalls);
  }

  /** When each remembered subject's memory expires. */
  public Map<String, Instant> alertExpiries() {
    return Map.copyOf(expiries);
  }

  @Override
  public void forgetAll() {
    fingerprints.clear();
    expiries.clear();
  }

  @Override
  public void remember(HostedZone zone) {
    createdZones.add(zone.id());
  }

  @Override
  public Set<ZoneId> createdAmong(Collection<ZoneId> zoneIds) {
    Set<ZoneId> found = new TreeSet<>(zoneIds);
    found.retainAll(createdZones);
    return found;
  }

  @Override
  public Set<ZoneId> all() {
    return Set.copyOf(createdZones);
  }

  @Override
  public void forget(ZoneId zoneId) {
    createdZones.remove(zoneId);
  }
}
