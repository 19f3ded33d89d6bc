package ddns.dns;

import java.util.Comparator;
import java.util.Objects;

/** Identifies one record set: a hosted zone, a name in it and a type. */
public record RecordKey(ZoneId zoneId, DnsName name, RecordType type)
    implements Comparable<RecordKey> {

  private static final Comparator<RecordKey> ORDER =
      Comparator.comparing(RecordKey::zoneId)
          .thenComparing(RecordKey::name)
          .thenComparing(RecordKey::type);

  public RecordKey {
    Objects.requireNonNull(zoneId, "zoneId == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(type, "type == null");
  }

  /** The name in its zone, the unit Route 53 lists record sets by. */
  public NameInZone nameInZone() {
    return new NameInZone(zoneId, name);
  }

  @Override
  public int compareTo(RecordKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return zoneId + " " + name + " " + type;
  }
}
