package ddns.dns;

import java.util.Objects;

/** A record set this tool wants in a hosted zone, with the zone's name for messages and checks. */
public record DesiredRecord(RecordKey key, DnsName zoneName, RecordSet content)
    implements Comparable<DesiredRecord> {

  public DesiredRecord {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(zoneName, "zoneName == null");
    Objects.requireNonNull(content, "content == null");
    if (!key.name().equals(content.name()) || key.type() != content.type()) {
      throw new IllegalArgumentException("key " + key + " does not match content " + content);
    }
  }

  @Override
  public int compareTo(DesiredRecord other) {
    return key.compareTo(other.key);
  }
}
