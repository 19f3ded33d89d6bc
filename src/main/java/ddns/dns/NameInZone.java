package ddns.dns;

import java.util.Comparator;
import java.util.Objects;

/** A name in one hosted zone: the unit Route 53 lists record sets by. */
public record NameInZone(ZoneId zoneId, DnsName name) implements Comparable<NameInZone> {
  private static final Comparator<NameInZone> ORDER =
      Comparator.comparing(NameInZone::zoneId).thenComparing(NameInZone::name);

  public NameInZone {
    Objects.requireNonNull(zoneId, "zoneId == null");
    Objects.requireNonNull(name, "name == null");
  }

  @Override
  public int compareTo(NameInZone other) {
    return ORDER.compare(this, other);
  }
}
