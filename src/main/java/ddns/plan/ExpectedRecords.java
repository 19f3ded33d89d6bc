package ddns.plan;

import ddns.dns.NameInZone;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.registry.Claim;
import ddns.registry.RegistrySnapshot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What Route 53 is expected to hold at the names a batch touches, without asking it: at each name,
 * the record sets the registry says the tool wrote (each claimed set's content), as this batch's
 * earlier requests left them, and nothing else. Names read from Route 53 (after a refusal) carry
 * what was read instead. Every write is sent on the condition that the record set holds what it
 * expects ({@link PlannedChange}), so an expectation that is wrong (a foreign record appeared, a
 * hand edit, another writer) costs a refusal and a read of the names refused, never a record
 * (docs/behaviour.md, "Optimistic writes"). Pure.
 */
public final class ExpectedRecords {
  private ExpectedRecords() {}

  /**
   * @param names every name the plan needs ({@link ChangePlanner#namesToRead})
   * @param sentBefore what earlier requests of the same batch changed
   * @param read the names read from Route 53; they hold what was read
   */
  public static LiveRecords of(
      Set<NameInZone> names,
      RegistrySnapshot registry,
      Map<RecordKey, PlannedChange> sentBefore,
      LiveRecords read) {
    Map<NameInZone, Map<RecordType, RecordSet>> at = new TreeMap<>();
    names.forEach(n -> at.put(n, new EnumMap<>(RecordType.class)));
    for (Claim claim : registry.claims().values()) {
      Map<RecordType, RecordSet> sets = at.get(claim.key().nameInZone());
      if (sets != null) {
        claim.content().ifPresent(content -> sets.put(claim.key().type(), content));
      }
    }
    sentBefore.forEach(
        (key, change) -> {
          Map<RecordType, RecordSet> sets = at.get(key.nameInZone());
          if (sets == null) {
            return;
          }
          if (change.action() == ChangeAction.DELETE) {
            sets.remove(key.type());
          } else {
            sets.put(key.type(), change.set());
          }
        });
    Map<NameInZone, List<RecordSet>> expected = new TreeMap<>();
    at.forEach((name, sets) -> expected.put(name, new ArrayList<>(sets.values())));
    expected.putAll(read.byName());
    return new LiveRecords(expected);
  }
}
