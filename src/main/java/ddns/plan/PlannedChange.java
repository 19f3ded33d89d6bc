package ddns.plan;

import ddns.model.DnsName;
import ddns.model.RecordSet;
import java.util.Comparator;
import java.util.Objects;

/** One change to send to Route 53, and the instance of the batch it is done for. */
public record PlannedChange(
    ChangeAction action, String zoneId, DnsName zoneName, RecordSet set, String instanceId)
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
  }

  @Override
  public int compareTo(PlannedChange other) {
    return ORDER.compare(this, other);
  }
}
