package ddns.alert;

import ddns.facts.InstanceId;
import java.util.Objects;

/** A permanent problem with one instance, for the operator. */
public record Alert(InstanceId instanceId, AlertKind kind, String message)
    implements Comparable<Alert> {

  public Alert {
    Objects.requireNonNull(instanceId, "instanceId == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(message, "message == null");
  }

  @Override
  public int compareTo(Alert other) {
    int c = instanceId.compareTo(other.instanceId);
    if (c != 0) {
      return c;
    }
    c = kind.compareTo(other.kind);
    return c != 0 ? c : message.compareTo(other.message);
  }
}
