package ddns.dns;

import java.util.Objects;

/**
 * A record set this tool wants in a hosted zone, with the zone's name for messages and checks, and
 * how it is shared with other instances that want it.
 */
public record DesiredRecord(RecordKey key, DnsName zoneName, RecordSet content, Sharing sharing)
    implements Comparable<DesiredRecord> {

  public DesiredRecord {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(zoneName, "zoneName == null");
    Objects.requireNonNull(content, "content == null");
    Objects.requireNonNull(sharing, "sharing == null");
    if (!key.name().equals(content.name()) || key.type() != content.type()) {
      throw new IllegalArgumentException("key " + key + " does not match content " + content);
    }
  }

  /** A record shared the usual way: the most recently launched claimant's content. */
  public DesiredRecord(RecordKey key, DnsName zoneName, RecordSet content) {
    this(key, zoneName, content, Sharing.LATEST);
  }

  /** The record set as messages name it: {@code A web.corp.internal. in zone corp.internal.}. */
  public String where() {
    return key.type() + " " + key.name() + " in zone " + zoneName;
  }

  public DesiredRecord withContent(RecordSet newContent) {
    return new DesiredRecord(key, zoneName, newContent, sharing);
  }

  @Override
  public int compareTo(DesiredRecord other) {
    return key.compareTo(other.key);
  }
}
