package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.apply.Applied;
import ddns.apply.EmptyZones;
import ddns.dns.HostedZone;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.facts.ZoneDirectory;
import ddns.failure.ServiceFailure;
import ddns.log.JsonLog;
import ddns.plan.ChangeAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * After a batch (with {@code DDNS_DELETE_EMPTY_REVERSE_ZONES}): the reverse zones it deleted
 * records from are looked at once more; each the tool created that is empty now is deleted, and the
 * instances whose records were there are told.
 */
final class EmptiedZones {
  private final ZoneDirectory zones;
  private final EmptyZones emptyZones;
  private final JsonLog log;

  EmptiedZones(ZoneDirectory zones, EmptyZones emptyZones, JsonLog log) {
    this.zones = zones;
    this.emptyZones = emptyZones;
    this.log = log;
  }

  /** The decisions, with a note for each instance whose records were in a zone deleted or kept. */
  List<Decision> deleteEmptied(List<Decision> decisions, Map<InstanceId, Applied> applied) {
    Map<ZoneId, Set<InstanceId>> emptiedBy = new TreeMap<>();
    applied.forEach(
        (id, a) ->
            a.changes().stream()
                .filter(c -> c.action() == ChangeAction.DELETE)
                .filter(c -> c.zoneName().isReverse())
                .forEach(c -> emptiedBy.computeIfAbsent(c.zoneId(), z -> new TreeSet<>()).add(id)));
    if (emptiedBy.isEmpty()) {
      return decisions;
    }
    EmptyZones.Result result;
    try {
      List<HostedZone> candidates =
          zones.zones().stream().filter(z -> emptiedBy.containsKey(z.id())).toList();
      result = emptyZones.deleteEmpty(candidates, List.of(), false);
    } catch (ServiceFailure e) {
      log.warn("could not look at the emptied reverse zones", field("error", e.getMessage()));
      return decisions;
    }
    // A zone that still holds records is the usual case and needs no word; the others do.
    Map<InstanceId, List<String>> told = new TreeMap<>();
    result.zones().stream()
        .filter(z -> z.fate() != EmptyZones.Fate.IN_USE)
        .forEach(
            z ->
                emptiedBy
                    .get(z.zoneId())
                    .forEach(id -> told.computeIfAbsent(id, k -> new ArrayList<>()).add(z.note())));
    return decisions.stream()
        .map(
            d -> {
              Decision out = d;
              for (String note : told.getOrDefault(d.id(), List.of())) {
                out = out.withNote(note);
              }
              return out;
            })
        .toList();
  }
}
