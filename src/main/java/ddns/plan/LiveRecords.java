package ddns.plan;

import ddns.dns.NameInZone;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The record sets Route 53 holds now at the names a batch touches, read just before planning. */
public record LiveRecords(Map<NameInZone, List<RecordSet>> byName) {

  public LiveRecords {
    byName = Map.copyOf(byName);
  }

  public List<RecordSet> at(NameInZone name) {
    List<RecordSet> found = byName.get(name);
    if (found == null) {
      throw new IllegalStateException("name was not read before planning: " + name);
    }
    return found;
  }

  public Optional<RecordSet> at(NameInZone name, RecordType type) {
    return at(name).stream().filter(r -> r.type() == type).findFirst();
  }
}
