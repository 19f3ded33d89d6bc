package ddns.apply;

import static ddns.log.JsonLog.field;

import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.ZoneId;
import ddns.failure.ServiceFailure;
import ddns.log.JsonLog;
import ddns.registry.CreatedZones;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
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

  /** What became of one zone of the tool's. */
  public enum Fate {
    DELETED,
    /** A dry run: it is empty and would be deleted. */
    EMPTY,
    /** It still holds records: the usual case while instances use it. */
    IN_USE,
    /** Route 53 refused: a record was written there meanwhile. */
    WRITTEN_MEANWHILE,
    FAILED
  }

  /** One zone looked at, what became of it, and a sentence saying so. */
  public record Looked(ZoneId zoneId, Fate fate, String note) {}

  /** Every zone of the tool's that was looked at, in zone id order. */
  public record Result(List<Looked> zones) {
    public Result {
      zones = zones.stream().sorted(Comparator.comparing(Looked::zoneId)).toList();
    }

    /** The zones deleted (in a dry run: that would be). */
    public List<ZoneId> deleted() {
      return zones.stream()
          .filter(z -> z.fate() == Fate.DELETED || z.fate() == Fate.EMPTY)
          .map(Looked::zoneId)
          .toList();
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
    return deleteEmpty(candidates, listed, dryRun, Set.of());
  }

  /**
   * @param goingAway record sets a dry run would delete first: they do not keep a zone
   */
  public Result deleteEmpty(
      Collection<HostedZone> candidates,
      Collection<ZoneId> listed,
      boolean dryRun,
      Set<RecordKey> goingAway) {
    List<HostedZone> zones = candidates.stream().filter(HostedZone::privateZone).toList();
    if (zones.isEmpty()) {
      return new Result(List.of());
    }
    Set<ZoneId> ours = new TreeSet<>(listed);
    if (ours.isEmpty()) {
      ours.addAll(created.createdAmong(zones.stream().map(HostedZone::id).toList()));
    }
    List<Looked> looked = new ArrayList<>();
    for (HostedZone zone : zones) {
      if (ours.contains(zone.id()) || zone.createdForVpc().isPresent()) {
        looked.add(look(zone, dryRun, goingAway));
      }
    }
    return new Result(looked);
  }

  /** One zone of the tool's: kept while it holds anything, else deleted (or, dry, reported). */
  private Looked look(HostedZone zone, boolean dryRun, Set<RecordKey> goingAway) {
    List<RecordSet> left =
        dns.allRecords(zone.id()).stream()
            .filter(r -> !apexRecord(zone.name(), r))
            .filter(r -> !goingAway.contains(new RecordKey(zone.id(), r.name(), r.type())))
            .toList();
    if (!left.isEmpty()) {
      return new Looked(
          zone.id(),
          Fate.IN_USE,
          "reverse zone "
              + zone.name()
              + " ("
              + zone.id()
              + ") was created by route53-ddns and is kept: it still holds "
              + (left.size() == 1 ? "1 record set, " : left.size() + " record sets, such as ")
              + left.get(0).type()
              + " "
              + left.get(0).name());
    }
    if (dryRun) {
      return new Looked(
          zone.id(),
          Fate.EMPTY,
          "reverse zone " + zone.name() + " (" + zone.id() + ") is empty: it would be deleted");
    }
    return delete(zone);
  }

  /** Deletes an empty zone; Route 53 refuses when a record was written there meanwhile. */
  private Looked delete(HostedZone zone) {
    try {
      if (!dns.deleteZone(zone.id())) {
        return new Looked(
            zone.id(),
            Fate.WRITTEN_MEANWHILE,
            "reverse zone "
                + zone.name()
                + " ("
                + zone.id()
                + ") is kept: a record was written there meanwhile");
      }
      created.forget(zone.id());
      log.info("empty reverse zone deleted", field("zoneId", zone.id().value()));
      return new Looked(
          zone.id(),
          Fate.DELETED,
          "reverse zone " + zone.name() + " (" + zone.id() + ") was empty and is deleted");
    } catch (ServiceFailure e) {
      log.warn(
          "could not delete an empty reverse zone",
          field("zoneId", zone.id().value()),
          field("error", e.getMessage()));
      return new Looked(
          zone.id(),
          Fate.FAILED,
          "reverse zone " + zone.name() + " could not be deleted and stays: " + e.getMessage());
    }
  }

  private static boolean apexRecord(DnsName zone, RecordSet r) {
    return r.name().equals(zone) && (r.type() == RecordType.SOA || r.type() == RecordType.NS);
  }
}
