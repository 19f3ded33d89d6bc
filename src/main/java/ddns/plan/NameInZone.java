package ddns.plan;

import ddns.model.DnsName;
import java.util.Comparator;

/** A name in one hosted zone: the unit Route 53 lists record sets by. */
public record NameInZone(String zoneId, DnsName name) implements Comparable<NameInZone> {
  private static final Comparator<NameInZone> ORDER =
      Comparator.comparing(NameInZone::zoneId).thenComparing(NameInZone::name);

  @Override
  public int compareTo(NameInZone other) {
    return ORDER.compare(this, other);
  }
}
