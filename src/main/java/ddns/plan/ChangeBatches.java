package ddns.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one zone's changes into requests within Route 53's per-request limits. Changes for one
 * name stay in one request, so a CNAME never lands apart from the deletion it replaces.
 */
public final class ChangeBatches {
  private ChangeBatches() {}

  /**
   * The zone's changes as requests: names in order, as many per request as the limits take; a name
   * with a guarded change (a pool's replacement, refused when the set changed since it was read)
   * travels in a request of its own, so its refusal holds back no other name.
   */
  public static List<List<PlannedChange>> split(List<PlannedChange> zoneChanges) {
    List<List<PlannedChange>> requests = new ArrayList<>();
    List<PlannedChange> current = new ArrayList<>();
    int records = 0;
    int chars = 0;
    List<List<PlannedChange>> groups = byName(zoneChanges);
    for (List<PlannedChange> group : groups) {
      if (group.stream().anyMatch(PlannedChange::guarded)) {
        requests.add(List.copyOf(group));
        continue;
      }
      int groupRecords = ChangeBatchValidator.recordCount(group);
      int groupChars = ChangeBatchValidator.valueCharacters(group);
      if (!current.isEmpty()
          && (records + groupRecords > ChangeBatchValidator.MAX_RECORDS
              || chars + groupChars > ChangeBatchValidator.MAX_VALUE_CHARACTERS)) {
        requests.add(List.copyOf(current));
        current.clear();
        records = 0;
        chars = 0;
      }
      current.addAll(group);
      records += groupRecords;
      chars += groupChars;
    }
    if (!current.isEmpty()) {
      requests.add(List.copyOf(current));
    }
    return requests;
  }

  /** The changes grouped by name, in order: the smallest parts a request may be split into. */
  public static List<List<PlannedChange>> byName(List<PlannedChange> changes) {
    List<PlannedChange> sorted = changes.stream().sorted().toList();
    List<List<PlannedChange>> groups = new ArrayList<>();
    for (PlannedChange change : sorted) {
      List<PlannedChange> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      if (last != null && last.get(0).set().name().equals(change.set().name())) {
        last.add(change);
      } else {
        groups.add(new ArrayList<>(List.of(change)));
      }
    }
    return groups.stream().map(List::copyOf).toList();
  }
}
