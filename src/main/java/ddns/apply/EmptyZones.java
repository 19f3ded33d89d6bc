package ddns.apply;

import static ddns.log.JsonLog.field;

import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.ZoneId;
import ddns.failure.ServiceFailure;
import ddns.log.JsonLog;
import ddns.registry.CreatedZones;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Deletes the reverse zones this tool created once nothing is left in them (docs/behaviour.md,
 * "Reverse zones"): a zone is the tool's when the registry lists it, or when its caller reference
 * says the tool created it (zones from before the registry listed them). A zone holding anything
 * but its own SOA and NS records stays, and Route 53 itself refuses to delete a zone that is not
 * empty, so a record written meanwhile by another invocation keeps the zone too.
 */
public final class EmptyZones {
  private final DnsZones dns;
  private final CreatedZones created;
  private final JsonLog log;

  public EmptyZones(DnsZones dns, CreatedZones created, JsonLog log) {
    this.dns = dns;
    this.created = created;
    this.log = log;
  }

  /**
   * What happened to each zone looked at.
   *
   * @param deleted the zones deleted (in a dry run: that would be)
   * @param notes per zone of the tool's looked at: deleted, or kept and why
   */
  public record Result(List<ZoneId> deleted, Map<ZoneId, String> notes) {
    public Result {
      deleted = List.copyOf(deleted);
      notes = Collections.unmodifiableMap(new TreeMap<>(notes));
    }
  }

  /**
   * Of {@code candidates}, deletes each zone the tool created that is empty now.
   *
   * @param listed the zones the registry lists as created, when the caller read them already
   *     (uninstall); otherwise they are read for the candidates
   */
  public Result deleteEmpty(
      Collection<HostedZone> candidates, Collection<ZoneId> listed, boolean dryRun) {
    List<HostedZone> zones = candidates.stream().filter(HostedZone::privateZone).toList();
    if (zones.isEmpty()) {
      return new Result(List.of(), Map.of());
    }
    Set<ZoneId> ours = new TreeSet<>(listed);
    if (ours.isEmpty()) {
      ours.addAll(created.createdAmong(zones.stream().map(HostedZone::id).toList()));
    }
    List<ZoneId> deleted = new ArrayList<>();
    Map<ZoneId, String> notes = new TreeMap<>();
    for (HostedZone zone : zones) {
      if (!ours.contains(zone.id()) && zone.createdForVpc().isEmpty()) {
        continue;
      }
      List<RecordSet> left =
          dns.allRecords(zone.id()).stream().filter(r -> !apexRecord(zone.name(), r)).toList();
      if (!left.isEmpty()) {
        notes.put(
            zone.id(),
            "reverse zone "
                + zone.name()
                + " ("
                + zone.id()
                + ") was created by route53-ddns and is kept: it holds "
                + left.size()
                + " record sets route53-ddns did not leave there, such as "
                + left.get(0).type()
                + " "
                + left.get(0).name());
        continue;
      }
      if (dryRun) {
        deleted.add(zone.id());
        notes.put(
            zone.id(),
            "reverse zone " + zone.name() + " (" + zone.id() + ") is empty: it would be deleted");
        continue;
      }
      try {
        if (dns.deleteZone(zone.id())) {
          created.forget(zone.id());
          deleted.add(zone.id());
          notes.put(
              zone.id(),
              "reverse zone " + zone.name() + " (" + zone.id() + ") was empty and is deleted");
          log.info("empty reverse zone deleted", field("zoneId", zone.id()));
        } else {
          notes.put(
              zone.id(),
              "reverse zone "
                  + zone.name()
                  + " ("
                  + zone.id()
                  + ") is kept: a record was written there meanwhile");
        }
      } catch (ServiceFailure e) {
        log.warn(
            "could not delete an empty reverse zone",
            field("zoneId", zone.id()),
            field("error", e.getMessage()));
        notes.put(
            zone.id(),
            "reverse zone " + zone.name() + " could not be deleted and stays: " + e.getMessage());
      }
    }
    return new Result(deleted, notes);
  }

  private static boolean apexRecord(DnsName zone, RecordSet r) {
    return r.name().equals(zone) && (r.type() == RecordType.SOA || r.type() == RecordType.NS);
  }
}
