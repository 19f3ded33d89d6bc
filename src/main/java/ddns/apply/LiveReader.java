package ddns.apply;

import ddns.dns.NameInZone;
import ddns.dns.RecordSet;
import ddns.dns.ZoneId;
import ddns.plan.LiveRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Reads what Route 53 holds at the names a plan needs, per zone the cheaper way: name by name, or,
 * when that would take more requests than listing the whole zone (300 record sets a page), the
 * whole zone at once.
 */
final class LiveReader {
  private static final int PAGE = 300;

  private final DnsZones dns;
  private final ToLongFunction<ZoneId> recordSetCount;

  LiveReader(DnsZones dns, ToLongFunction<ZoneId> recordSetCount) {
    this.dns = dns;
    this.recordSetCount = recordSetCount;
  }

  LiveRecords read(Set<NameInZone> names) {
    Map<ZoneId, List<NameInZone>> byZone = new TreeMap<>();
    Map<NameInZone, List<RecordSet>> live = new LinkedHashMap<>();
    for (NameInZone n : names) {
      if (n.zoneId().isPlanned()) {
        live.put(n, List.of()); // a zone a dry run would create holds nothing yet
      } else {
        byZone.computeIfAbsent(n.zoneId(), z -> new ArrayList<>()).add(n);
      }
    }
    byZone.forEach(
        (zoneId, zoneNames) -> {
          long pages = Math.max(1, (recordSetCount.applyAsLong(zoneId) + PAGE - 1) / PAGE);
          if (zoneNames.size() > pages) {
            Map<NameInZone, List<RecordSet>> all = byName(zoneId, dns.allRecords(zoneId));
            zoneNames.forEach(n -> live.put(n, all.getOrDefault(n, List.of())));
          } else {
            zoneNames.forEach(n -> live.put(n, dns.recordsAt(zoneId, n.name())));
          }
        });
    return new LiveRecords(live);
  }

  /** The names from zones read in bulk beforehand; names of other zones are read now. */
  LiveRecords read(Set<NameInZone> names, Map<ZoneId, List<RecordSet>> zones) {
    Map<NameInZone, List<RecordSet>> live = new HashMap<>();
    Set<NameInZone> unread = new java.util.TreeSet<>();
    Map<ZoneId, Map<NameInZone, List<RecordSet>>> indexed = new HashMap<>();
    for (NameInZone name : names) {
      List<RecordSet> zone = zones.get(name.zoneId());
      if (zone == null) {
        unread.add(name);
      } else {
        Map<NameInZone, List<RecordSet>> index =
            indexed.computeIfAbsent(name.zoneId(), z -> byName(z, zone));
        live.put(name, index.getOrDefault(name, List.of()));
      }
    }
    live.putAll(read(unread).byName());
    return new LiveRecords(live);
  }

  private static Map<NameInZone, List<RecordSet>> byName(ZoneId zoneId, List<RecordSet> sets) {
    Map<NameInZone, List<RecordSet>> all = new HashMap<>();
    for (RecordSet set : sets) {
      all.computeIfAbsent(new NameInZone(zoneId, set.name()), n -> new ArrayList<>()).add(set);
    }
    return all;
  }
}
