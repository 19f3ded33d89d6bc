package ddns.plan;

import ddns.dns.DnsName;
import ddns.dns.RecordSet;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One change to send to Route 53, and the instance of the batch it is done for. {@code replaces} is
 * what the record set held when it was read (absent for a record created). A {@code guarded} upsert
 * is sent so that Route 53 refuses it when the record set no longer holds {@code replaces} (a
 * DELETE of exactly that content and a CREATE, or a CREATE alone): record sets several instances
 * write at once (pools) never lose one instance's write to another's stale one.
 */
public record PlannedChange(
    ChangeAction action,
    ZoneId zoneId,
    DnsName zoneName,
    RecordSet set,
    InstanceId instanceId,
    Optional<RecordSet> replaces,
    boolean guarded)
    implements Comparable<PlannedChange> {

  private static final Comparator<PlannedChange> ORDER =
      Comparator.comparing(PlannedChange::zoneId)
          .thenComparing(c -> c.set().name())
          .thenComparing(c -> c.set().type())
          .thenComparing(PlannedChange::action);

  public PlannedChange {
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(zoneId, "zoneId == null");
    Objects.requireNonNull(zoneName, "zoneName == null");
    Objects.requireNonNull(set, "set == null");
    Objects.requireNonNull(instanceId, "instanceId == null");
    Objects.requireNonNull(replaces, "replaces == null");
  }

  public PlannedChange(
      ChangeAction action,
      ZoneId zoneId,
      DnsName zoneName,
      RecordSet set,
      InstanceId instanceId,
      Optional<RecordSet> replaces) {
    this(action, zoneId, zoneName, set, instanceId, replaces, false);
  }

  public PlannedChange(
      ChangeAction action, ZoneId zoneId, DnsName zoneName, RecordSet set, InstanceId instanceId) {
    this(
        action,
        zoneId,
        zoneName,
        set,
        instanceId,
        action == ChangeAction.DELETE ? Optional.of(set) : Optional.empty());
  }

  /** A new record set, as opposed to one replaced or deleted. */
  public boolean creates() {
    return action == ChangeAction.UPSERT && replaces.isEmpty();
  }

  @Override
  public int compareTo(PlannedChange other) {
    return ORDER.compare(this, other);
  }
}
