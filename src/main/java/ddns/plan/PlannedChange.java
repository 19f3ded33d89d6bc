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
 * what the plan expects the record set to hold: what was read, or what the registry says the tool
 * wrote (absent: nothing there). Every upsert is sent so that Route 53 refuses it when the record
 * set does not hold {@code replaces} (a DELETE of exactly that content and a CREATE, or a CREATE
 * alone), and a deletion names exactly what it deletes: no write replaces what the plan did not
 * expect. A {@code guarded} change (a pool's, which several instances write at once) travels in a
 * request of its own, so its refusal holds back no other name.
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
