package ddns.dns;

import java.util.List;
import java.util.Objects;

/**
 * The content of one record set as Route 53 holds it: name, type, TTL and values. Values are kept
 * sorted so that two sets with the same content compare equal.
 */
public record RecordSet(DnsName name, RecordType type, long ttl, List<String> values) {

  public RecordSet {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(type, "type == null");
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException(
          "a record set needs at least one value: " + name + " " + type);
    }
    values = values.stream().sorted().distinct().toList();
  }

  public RecordSet withTtl(long newTtl) {
    return new RecordSet(name, type, newTtl, values);
  }

  public boolean sameContent(RecordSet other) {
    return other != null
        && name.equals(other.name)
        && type == other.type
        && ttl == other.ttl
        && values.equals(other.values);
  }
}
