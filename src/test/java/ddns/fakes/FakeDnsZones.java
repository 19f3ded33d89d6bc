package ddns.fakes;

import ddns.apply.ChangeId;
import ddns.apply.DnsZones;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.ZoneId;
import ddns.facts.ZoneDirectory;
import ddns.failure.ConcurrentUpdateException;
import ddns.failure.RefusedChangeException;
import ddns.failure.ServiceFailure;
import ddns.plan.ChangeAction;
import ddns.plan.PlannedChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Route 53 in memory, strict where real Route 53 is: a DELETE must match the live record exactly,
 * or the batch is refused as stale; a set of more than 400 values is refused. Tests can make it
 * refuse changes at a name or fail them, or fail a zone creation or association.
 */
public final class FakeDnsZones implements ZoneDirectory, DnsZones {
  private final Map<ZoneId, HostedZone> zones = new LinkedHashMap<>();
  private final Map<ZoneId, Map<String, RecordSet>> records = new HashMap<>();
  private final Map<String, Set<ZoneId>> associations = new HashMap<>();
  private final Set<DnsName> refusedNames = new HashSet<>();
  private final Set<DnsName> failingNames = new HashSet<>();
  private final List<List<PlannedChange>> batches = new ArrayList<>();
  private int requests;
  private Runnable onRequest = () -> {};
  private Runnable beforeNextChange;
  private Runnable beforeNextZoneDeletion;
  private boolean failCreate;
  private boolean failAssociate;
  private int nextId = 1;

  public ZoneId privateZone(String name, String vpcId) {
    ZoneId id = add(DnsName.parse(name), true);
    associations.computeIfAbsent(vpcId, v -> new HashSet<>()).add(id);
    return id;
  }

  public ZoneId publicZone(String name) {
    return add(DnsName.parse(name), false);
  }

  private ZoneId add(DnsName name, boolean privateZone) {
    ZoneId id = ZoneId.of("ZFAKE" + nextId++);
    zones.put(id, new HostedZone(id, name, privateZone));
    records.put(id, new TreeMap<>());
    return id;
  }

  /** Every change batch to this name is refused, as Route 53 refuses an invalid batch. */
  public void refuseChangesAt(String name) {
    refusedNames.add(DnsName.parse(name));
  }

  /**
   * Every change batch to this name fails as a call does whose retries ran out (throttling, a
   * service error): not a refusal of its content.
   */
  public void failChangesAt(String name) {
    failingNames.add(DnsName.parse(name));
  }

  public void failZoneCreation() {
    failCreate = true;
  }

  public void failAssociation() {
    failAssociate = true;
  }

  /** A record set written outside the tool. */
  public void put(ZoneId zoneId, RecordSet set) {
    records.get(zoneId).put(key(set.name(), set.type()), set);
  }

  public List<RecordSet> recordsIn(ZoneId zoneId) {
    return List.copyOf(records.get(zoneId).values());
  }

  public Set<ZoneId> associatedWith(String vpcId) {
    return Set.copyOf(associations.getOrDefault(vpcId, Set.of()));
  }

  /** Every change request received, refused ones included. */
  public int requests() {
    return requests;
  }

  /** Runs before each change request (a benchmark's clock moving on, as a real request takes). */
  public void onRequest(Runnable action) {
    onRequest = action;
  }

  public List<List<PlannedChange>> batches() {
    return List.copyOf(batches);
  }

  public ZoneId zoneNamed(String name) {
    return zones.values().stream()
        .filter(z -> z.name().equals(DnsName.parse(name)))
        .map(HostedZone::id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no zone " + name));
  }

  @Override
  public List<HostedZone> zones() {
    return List.copyOf(zones.values());
  }

  @Override
  public Set<ZoneId> zonesAssociatedWith(String vpcId) {
    return associatedWith(vpcId);
  }

  @Override
  public long recordSetCount(ZoneId zoneId) {
    HostedZone zone = zones.get(zoneId);
    return zone == null ? 0 : zone.recordSetCount();
  }

  /**
   * Runs {@code other} once, just before the next change request lands: another writer between this
   * batch's read and its write.
   */
  public void beforeNextChange(Runnable other) {
    this.beforeNextChange = other;
  }

  @Override
  public List<RecordSet> recordsAt(ZoneId zoneId, DnsName name) {
    return records.get(zoneId).values().stream().filter(r -> r.name().equals(name)).toList();
  }

  @Override
  public List<RecordSet> allRecords(ZoneId zoneId) {
    return recordsIn(zoneId);
  }

  @Override
  public ChangeId apply(ZoneId zoneId, List<PlannedChange> changes) {
    requests++;
    onRequest.run();
    Runnable interleaved = beforeNextChange;
    beforeNextChange = null;
    if (interleaved != null) {
      interleaved.run();
    }
    Map<String, RecordSet> zone = records.get(zoneId);
    for (PlannedChange c : changes) {
      if (failingNames.contains(c.set().name())) {
        throw new ServiceFailure(
            "Route53.ChangeResourceRecordSets failed for " + zoneId + ": Throttling", null);
      }
      if (refusedNames.contains(c.set().name())) {
        throw new RefusedChangeException(
            "Route53.ChangeResourceRecordSets refused the batch for "
                + zoneId
                + ": InvalidChangeBatch",
            null);
      }
      if (c.set().values().size() > 400) {
        throw new RefusedChangeException(
            "Route53.ChangeResourceRecordSets refused the batch for "
                + zoneId
                + ": InvalidChangeBatch: too many values in "
                + c.set().name(),
            null);
      }
    }
    refuseAsRoute53Does(zoneId, zone, changes);
    batches.add(List.copyOf(changes));
    for (PlannedChange c : changes) {
      String key = key(c.set().name(), c.set().type());
      if (c.action() == ChangeAction.DELETE) {
        zone.remove(key);
      } else {
        zone.put(key, c.set());
      }
    }
    return new ChangeId("C" + batches.size());
  }

  private boolean pending;

  /** Route 53 answers every change PENDING from now on (false: in sync at once, the default). */
  public void keepChangesPending(boolean pending) {
    this.pending = pending;
  }

  @Override
  public boolean inSync(ChangeId change) {
    return !pending;
  }

  /** The account's quota of hosted zones, 500 as AWS sets it by default. */
  @Override
  public ZoneQuota hostedZoneQuota() {
    return new ZoneQuota(zones.size(), 500);
  }

  @Override
  public HostedZone createPrivateZone(DnsName name, String vpcId) {
    if (failCreate) {
      throw new ServiceFailure("Route53.CreateHostedZone failed: InvalidVPCId", null);
    }
    return zones.get(privateZone(name.value(), vpcId));
  }

  @Override
  public void associate(ZoneId zoneId, String vpcId) {
    if (failAssociate) {
      throw new ServiceFailure("Route53.AssociateVPCWithHostedZone failed: AccessDenied", null);
    }
    associations.computeIfAbsent(vpcId, v -> new HashSet<>()).add(zoneId);
  }

  /**
   * Runs {@code other} once, just before the next zone deletion lands: a record written by another
   * writer meanwhile, or a call that fails ({@code other} throws).
   */
  public void beforeNextZoneDeletion(Runnable other) {
    this.beforeNextZoneDeletion = other;
  }

  @Override
  public boolean deleteZone(ZoneId zoneId) {
    Runnable interleaved = beforeNextZoneDeletion;
    beforeNextZoneDeletion = null;
    if (interleaved != null) {
      interleaved.run();
    }
    if (!recordsIn(zoneId).isEmpty()) {
      return false;
    }
    zones.remove(zoneId);
    records.remove(zoneId);
    associations.values().forEach(ids -> ids.remove(zoneId));
    return true;
  }

  /**
   * Route 53's rules for the batch as a whole, against the zone as it is: a DELETE names exactly
   * what is there, an upsert (sent as a DELETE of what it replaces and a CREATE) finds exactly what
   * it replaces, each refused name named in the message; a CNAME never shares its name.
   */
  private static void refuseAsRoute53Does(
      ZoneId zoneId, Map<String, RecordSet> zone, List<PlannedChange> changes) {
    java.util.Set<DnsName> stale = new java.util.TreeSet<>();
    java.util.Set<DnsName> conflicting = new java.util.TreeSet<>();
    java.util.Set<String> deleted = new java.util.HashSet<>();
    changes.stream()
        .filter(c -> c.action() == ChangeAction.DELETE)
        .forEach(c -> deleted.add(key(c.set().name(), c.set().type())));
    for (PlannedChange c : changes) {
      RecordSet live = zone.get(key(c.set().name(), c.set().type()));
      boolean asExpected =
          c.action() == ChangeAction.DELETE
              ? live != null && live.sameContent(c.set())
              : c.replaces().isEmpty() ? live == null : c.replaces().get().sameContent(live);
      if (!asExpected) {
        stale.add(c.set().name());
      }
      if (c.action() == ChangeAction.UPSERT && sharesWithCname(zone, deleted, c.set())) {
        conflicting.add(c.set().name());
      }
    }
    if (!stale.isEmpty()) {
      throw new ConcurrentUpdateException(
          "Route53.ChangeResourceRecordSets refused the batch for "
              + zoneId
              + ": InvalidChangeBatch: stale "
              + stale,
          null,
          stale);
    }
    if (!conflicting.isEmpty()) {
      throw new RefusedChangeException(
          "Route53.ChangeResourceRecordSets refused the batch for "
              + zoneId
              + ": InvalidChangeBatch: a CNAME shares its name at "
              + conflicting,
          null,
          conflicting);
    }
  }

  private static boolean sharesWithCname(
      Map<String, RecordSet> zone, java.util.Set<String> deleted, RecordSet set) {
    return zone.values().stream()
        .filter(r -> r.name().equals(set.name()) && r.type() != set.type())
        .filter(r -> !deleted.contains(key(r.name(), r.type())))
        .anyMatch(r -> r.type() == RecordType.CNAME || set.type() == RecordType.CNAME);
  }

  private static String key(DnsName name, RecordType type) {
    return name.value() + " " + type;
  }
}
