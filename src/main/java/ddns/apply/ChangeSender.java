package ddns.apply;

import static ddns.log.JsonLog.field;

import ddns.dns.DnsName;
import ddns.dns.NameInZone;
import ddns.dns.RecordKey;
import ddns.dns.ZoneId;
import ddns.failure.ConcurrentUpdateException;
import ddns.failure.RefusedChangeException;
import ddns.failure.ServiceFailure;
import ddns.log.JsonLog;
import ddns.plan.ChangeBatches;
import ddns.plan.ChangePlan;
import ddns.plan.PlannedChange;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sends a plan's changes, one request per zone (more only past Route 53's limits, and for each
 * guarded name). A request Route 53 refuses because a record set does not hold what the plan
 * expected names what to read before planning again; one refused for its content is split
 * (docs/behaviour.md, "Route 53's rules"), so the refused names alone stay out.
 */
final class ChangeSender {
  private final DnsZones dns;
  private final JsonLog log;

  ChangeSender(DnsZones dns, JsonLog log) {
    this.dns = dns;
    this.log = log;
  }

  /**
   * What sending a plan came to: the zones whose requests failed (a failure Route 53's content
   * rules did not cause), with the error; the changes Route 53 refused, with its reason; and the
   * names to read before planning again, where a record set did not hold what the plan expected.
   */
  record Sending(
      Map<ZoneId, String> failedZones,
      Map<PlannedChange, String> refused,
      Set<NameInZone> toRead,
      Set<RecordKey> unsent) {
    static final Sending NOTHING = new Sending(Map.of(), Map.of(), Set.of(), Set.of());

    boolean unexpected() {
      return !toRead.isEmpty();
    }
  }

  /**
   * What one request came to: the changes refused for good, the names to read first, and the record
   * sets left unsent until then.
   */
  private record Sent(
      Map<PlannedChange, String> refused, Set<NameInZone> toRead, Set<RecordKey> unsent) {
    static final Sent DONE = new Sent(Map.of(), Set.of(), Set.of());

    static Sent readFirst(Set<NameInZone> toRead, List<PlannedChange> request) {
      Set<RecordKey> keys = new TreeSet<>();
      request.forEach(c -> keys.add(new RecordKey(c.zoneId(), c.set().name(), c.set().type())));
      return new Sent(Map.of(), toRead, keys);
    }
  }

  /**
   * @param sent every change that went through is added, by record set
   * @param read the names whose plan came from reading Route 53 rather than from what was expected
   */
  Sending send(
      ChangePlan plan,
      Map<RecordKey, PlannedChange> sent,
      Set<NameInZone> read,
      Deadline deadline) {
    Map<ZoneId, String> failedZones = new HashMap<>();
    Map<PlannedChange, String> refused = new LinkedHashMap<>();
    Set<NameInZone> toRead = new TreeSet<>();
    Set<RecordKey> unsent = new TreeSet<>();
    for (Map.Entry<ZoneId, List<PlannedChange>> zone : plan.changesByZone().entrySet()) {
      try {
        for (List<PlannedChange> request : ChangeBatches.split(zone.getValue())) {
          Sent outcome = send(zone.getKey(), request, sent, read, deadline);
          refused.putAll(outcome.refused());
          toRead.addAll(outcome.toRead());
          unsent.addAll(outcome.unsent());
        }
      } catch (ServiceFailure e) {
        failedZones.put(zone.getKey(), e.getMessage());
        log.error(
            "zone changes failed",
            field("zoneId", zone.getKey().value()),
            field("error", e.getMessage()));
      }
    }
    return new Sending(failedZones, refused, toRead, unsent);
  }

  /**
   * Sends one request. Refused because a record set does not hold what the plan expected, or for
   * its content while some of its names were planned from what was expected, it names what to read.
   * Refused for its content with every name read, it is sent again as two halves (by name), down to
   * single names: a name refused alone is Route 53's answer about that name, and the others go
   * through. A request of {@code n} names with one refused name costs about {@code 2·log2(n)} more
   * requests.
   */
  private Sent send(
      ZoneId zone,
      List<PlannedChange> request,
      Map<RecordKey, PlannedChange> sent,
      Set<NameInZone> read,
      Deadline deadline) {
    deadline.check("a Route 53 request for zone " + zone.value());
    try {
      dns.apply(zone, request);
      request.forEach(c -> sent.put(new RecordKey(c.zoneId(), c.set().name(), c.set().type()), c));
      return Sent.DONE;
    } catch (ConcurrentUpdateException e) {
      log.info(
          "Route 53 holds other records than expected; reading them and planning again",
          field("zoneId", zone.value()),
          field("error", e.getMessage()));
      return Sent.readFirst(toRead(zone, request, e.names(), read), request);
    } catch (RefusedChangeException e) {
      if (!read.containsAll(names(zone, request))) {
        return Sent.readFirst(toRead(zone, request, e.names(), read), request);
      }
      return split(zone, request, sent, read, deadline, e);
    }
  }

  private Sent split(
      ZoneId zone,
      List<PlannedChange> request,
      Map<RecordKey, PlannedChange> sent,
      Set<NameInZone> read,
      Deadline deadline,
      RefusedChangeException e) {
    List<List<PlannedChange>> names = ChangeBatches.byName(request);
    if (names.size() == 1) {
      log.warn(
          "change refused by Route 53",
          field("zoneId", zone.value()),
          field("name", request.get(0).set().name().value()),
          field("error", e.getMessage()));
      Map<PlannedChange, String> refused = new LinkedHashMap<>();
      request.forEach(c -> refused.put(c, e.getMessage()));
      return new Sent(refused, Set.of(), Set.of());
    }
    int half = names.size() / 2;
    Sent first = send(zone, flat(names.subList(0, half)), sent, read, deadline);
    Sent second = send(zone, flat(names.subList(half, names.size())), sent, read, deadline);
    Map<PlannedChange, String> refused = new LinkedHashMap<>(first.refused());
    refused.putAll(second.refused());
    Set<NameInZone> toRead = new TreeSet<>(first.toRead());
    toRead.addAll(second.toRead());
    Set<RecordKey> unsent = new TreeSet<>(first.unsent());
    unsent.addAll(second.unsent());
    return new Sent(refused, toRead, unsent);
  }

  /**
   * The names of a refused request to read: those Route 53 named and were not read yet; when it
   * named none of them, or only names already read (another writer since), every name of the
   * request. Each refusal so reads at least one name more, or the whole request.
   */
  private static Set<NameInZone> toRead(
      ZoneId zone, List<PlannedChange> request, Set<DnsName> named, Set<NameInZone> read) {
    Set<NameInZone> all = names(zone, request);
    Set<NameInZone> fresh = new TreeSet<>();
    named.forEach(n -> fresh.add(new NameInZone(zone, n)));
    fresh.retainAll(all);
    fresh.removeAll(read);
    return fresh.isEmpty() ? all : fresh;
  }

  private static Set<NameInZone> names(ZoneId zone, List<PlannedChange> request) {
    Set<NameInZone> names = new TreeSet<>();
    request.forEach(c -> names.add(new NameInZone(zone, c.set().name())));
    return names;
  }

  private static List<PlannedChange> flat(List<List<PlannedChange>> groups) {
    return groups.stream().flatMap(List::stream).toList();
  }
}
