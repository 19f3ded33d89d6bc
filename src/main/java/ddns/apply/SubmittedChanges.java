package ddns.apply;

import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordSet;
import ddns.dns.ZoneId;
import ddns.plan.PlannedChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link DnsZones} that remembers which Route 53 change request carried each planned change, so
 * that the step after the batch can ask whether an instance's records are served everywhere ({@link
 * #changeIds}) without the batch's stages handing the ids along. It remembers the latest {@link
 * #REMEMBERED} changes; the ids of older ones are forgotten (their instances no longer wait for
 * them).
 */
public final class SubmittedChanges implements DnsZones {
  static final int REMEMBERED = 20_000;

  private final DnsZones zones;
  private final Map<PlannedChange, ChangeId> carriedBy =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PlannedChange, ChangeId> eldest) {
          return size() > REMEMBERED;
        }
      };

  private final Map<ChangeId, Boolean> synced =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ChangeId, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      };

  private final Map<ChangeId, java.time.Instant> submittedAt =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ChangeId, java.time.Instant> eldest) {
          return size() > REMEMBERED;
        }
      };
  private final java.time.Clock clock;

  /**
   * @param clock when a change request was accepted
   */
  public SubmittedChanges(DnsZones zones, java.time.Clock clock) {
    this.zones = zones;
    this.clock = clock;
  }

  /** When Route 53 accepted the last of these change requests, as far as remembered. */
  public synchronized java.util.Optional<java.time.Instant> submittedAt(Set<ChangeId> ids) {
    return ids.stream()
        .map(submittedAt::get)
        .filter(java.util.Objects::nonNull)
        .max(java.util.Comparator.naturalOrder());
  }

  /** The requests that carried these changes, as far as they are remembered. */
  public synchronized Set<ChangeId> changeIds(List<PlannedChange> changes) {
    Set<ChangeId> ids = new TreeSet<>();
    changes.forEach(
        c -> {
          ChangeId id = carriedBy.get(c);
          if (id != null) {
            ids.add(id);
          }
        });
    return ids;
  }

  @Override
  public ChangeId apply(ZoneId zoneId, List<PlannedChange> changes) {
    ChangeId id = zones.apply(zoneId, changes);
    java.time.Instant at = clock.instant();
    synchronized (this) {
      changes.forEach(c -> carriedBy.put(c, id));
      submittedAt.put(id, at);
    }
    return id;
  }

  /**
   * Asks Route 53 only about a change not yet seen in sync: {@code INSYNC} is final, and the
   * launches of one batch share their requests.
   */
  @Override
  public boolean inSync(ChangeId change) {
    synchronized (this) {
      if (synced.containsKey(change)) {
        return true;
      }
    }
    boolean inSync = zones.inSync(change);
    if (inSync) {
      synchronized (this) {
        synced.put(change, Boolean.TRUE);
      }
    }
    return inSync;
  }

  @Override
  public List<RecordSet> recordsAt(ZoneId zoneId, DnsName name) {
    return zones.recordsAt(zoneId, name);
  }

  @Override
  public List<RecordSet> allRecords(ZoneId zoneId) {
    return zones.allRecords(zoneId);
  }

  @Override
  public HostedZone createPrivateZone(DnsName name, String vpcId) {
    return zones.createPrivateZone(name, vpcId);
  }

  @Override
  public void associate(ZoneId zoneId, String vpcId) {
    zones.associate(zoneId, vpcId);
  }

  @Override
  public boolean deleteZone(ZoneId zoneId) {
    return zones.deleteZone(zoneId);
  }
}
