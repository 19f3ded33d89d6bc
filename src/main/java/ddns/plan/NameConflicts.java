package ddns.plan;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.dns.DesiredRecord;
import ddns.dns.DnsName;
import ddns.dns.NameInZone;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.Sharing;
import ddns.facts.InstanceId;
import ddns.registry.Claim;
import ddns.registry.RegistrySnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The "never touch what is not ours" part of planning: which desired records may be written, given
 * what Route 53 holds at their names and what the registry claims. A CNAME stands alone at its
 * name, so it also clashes with any other record there, ours or not.
 */
final class NameConflicts {
  private final RegistrySnapshot registry;
  private final LiveRecords live;
  private final AccountBoundary boundary;
  private final String ownAccount;
  private final Map<NameInZone, Set<RecordType>> wantedTypes;
  private final Map<NameInZone, InstanceId> holders;
  private final Map<RecordKey, HostRecords.Holder> hostRecords;
  private final Map<RecordKey, AccountBoundary.Holder> accounts;
  private final Map<RecordKey, Sharing> sharing;

  /** The batch's tables: the types wanted at each name, and who holds each name and record set. */
  private NameConflicts(
      List<Intent> intents,
      RegistrySnapshot registry,
      LiveRecords live,
      AccountBoundary boundary,
      String ownAccount) {
    this.registry = registry;
    this.live = live;
    this.boundary = boundary;
    this.ownAccount = ownAccount;
    this.wantedTypes = wantedTypes(intents);
    this.holders = HostNames.holders(intents, registry);
    this.hostRecords = HostRecords.holders(intents, registry);
    this.accounts = boundary.holders(intents, registry, ownAccount);
    this.sharing = sharing(intents, registry);
  }

  /**
   * Drops the desired records that would touch a foreign record, clash with another name, or take a
   * host name another instance holds.
   *
   * @param adopted when not null, an unclaimed record that holds exactly the desired values (same
   *     name, type, values) is taken over instead of refused, and noted here per instance
   */
  static Map<InstanceId, List<DesiredRecord>> accept(
      List<Intent> intents,
      RegistrySnapshot registry,
      LiveRecords live,
      List<Alert> alerts,
      Map<InstanceId, List<String>> adopted,
      AccountBoundary boundary,
      String ownAccount) {
    NameConflicts conflicts = new NameConflicts(intents, registry, live, boundary, ownAccount);
    Map<InstanceId, List<DesiredRecord>> accepted = new HashMap<>();
    for (Intent intent : intents) {
      Screened screened = conflicts.screen(intent, alerts, adopted != null);
      accepted.put(intent.instanceId(), conflicts.kept(intent, screened, alerts, adopted));
    }
    return accepted;
  }

  private static Map<NameInZone, Set<RecordType>> wantedTypes(List<Intent> intents) {
    Map<NameInZone, Set<RecordType>> wantedTypes = new HashMap<>();
    for (Intent intent : intents) {
      for (DesiredRecord d : intent.desired()) {
        wantedTypes.computeIfAbsent(d.key().nameInZone(), n -> new TreeSet<>()).add(d.key().type());
      }
    }
    return wantedTypes;
  }

  /**
   * One instance's records sorted into those kept, of which those to adopt, and the names of those
   * refused (no record of the instance kept there).
   */
  private record Screened(
      List<DesiredRecord> kept, Set<RecordKey> adoptable, Set<DnsName> refusedNames) {}

  /** Each desired record is kept, kept to adopt, or refused with its alert (once in the batch). */
  private Screened screen(Intent intent, List<Alert> alerts, boolean adopting) {
    List<DesiredRecord> kept = new ArrayList<>();
    Set<RecordKey> adoptable = new HashSet<>();
    Set<DnsName> refusedNames = new TreeSet<>();
    for (DesiredRecord d : intent.desired()) {
      Optional<Alert> problem =
          HostNames.taken(intent.instanceId(), d, holders)
              .or(() -> HostRecords.collision(intent, d, hostRecords))
              .or(() -> boundary.crossing(intent, d, accounts, ownAccount))
              .or(() -> sharingConflict(intent.instanceId(), d, sharing, registry));
      if (problem.isEmpty() && adopting && adoptable(d, registry, live)) {
        kept.add(d);
        adoptable.add(d.key());
        continue;
      }
      problem =
          problem.or(
              () ->
                  problem(
                      intent.instanceId(),
                      d,
                      registry,
                      live,
                      wantedTypes.get(d.key().nameInZone())));
      if (problem.isPresent()) {
        if (!alerts.contains(problem.get())) {
          alerts.add(problem.get());
        }
        refusedNames.add(d.key().name());
      } else {
        kept.add(d);
      }
    }
    kept.forEach(d -> refusedNames.remove(d.key().name()));
    return new Screened(kept, adoptable, refusedNames);
  }

  /**
   * The kept records, each pointer naming a target that was not refused; a record to adopt is
   * adopted (noted in {@code adopted}) only while it still holds what the instance wants.
   */
  private List<DesiredRecord> kept(
      Intent intent, Screened screened, List<Alert> alerts, Map<InstanceId, List<String>> adopted) {
    List<DesiredRecord> result = new ArrayList<>();
    for (DesiredRecord d : screened.kept()) {
      DesiredRecord last = retarget(d, intent.pointerTargets(), screened.refusedNames());
      if (!screened.adoptable().contains(d.key())) {
        result.add(last);
      } else if (last.equals(d)) {
        result.add(last);
        adopted.computeIfAbsent(intent.instanceId(), k -> new ArrayList<>()).add(adoptedNote(d));
      } else {
        // Pointed elsewhere after its alias was refused: no longer what the record holds.
        problem(intent.instanceId(), last, registry, live, Set.of(last.key().type()))
            .ifPresent(alerts::add);
      }
    }
    return result;
  }

  /**
   * How each record set of the batch is shared: as its claim says when it is claimed, else as the
   * first instance (by id) that wants it says.
   */
  private static Map<RecordKey, Sharing> sharing(List<Intent> intents, RegistrySnapshot registry) {
    Map<RecordKey, Sharing> sharing = new HashMap<>();
    for (Intent intent : intents) {
      for (DesiredRecord d : intent.desired()) {
        sharing.computeIfAbsent(
            d.key(),
            k ->
                registry.claim(k).filter(Claim::isClaimed).map(Claim::sharing).orElse(d.sharing()));
      }
    }
    return sharing;
  }

  /** A pool cannot use a host name, nor a host name a pool's name. */
  private static Optional<Alert> sharingConflict(
      InstanceId instanceId,
      DesiredRecord d,
      Map<RecordKey, Sharing> sharing,
      RegistrySnapshot registry) {
    Sharing there = sharing.get(d.key());
    if (there == d.sharing()) {
      return Optional.empty();
    }
    String holders =
        registry
            .claim(d.key())
            .map(c -> c.claimants().keySet())
            .filter(ids -> !ids.isEmpty())
            .map(ids -> " (" + ids.stream().map(InstanceId::value).sorted().findFirst().get() + ")")
            .orElse("");
    return Optional.of(
        new Alert(
            instanceId,
            AlertKind.NAME_CONFLICT,
            d.where()
                + " skipped: it is "
                + describe(there)
                + holders
                + ", and this instance wants it as "
                + describe(d.sharing())));
  }

  private static String describe(Sharing sharing) {
    return switch (sharing) {
      case LATEST -> "an instance's record";
      case FIRST -> "an instance's host name";
      case POOL -> "a pool";
    };
  }

  /**
   * The only record at the name is an unclaimed one of the desired type with the desired values
   * (its TTL may differ): what the tool would have written, by another hand (the AWS sample, or
   * this tool before its registry was lost).
   */
  private static boolean adoptable(DesiredRecord d, RegistrySnapshot registry, LiveRecords live) {
    List<RecordSet> there = live.at(d.key().nameInZone());
    return there.size() == 1
        && there.get(0).type() == d.key().type()
        && there.get(0).values().equals(d.content().values())
        && registry.claim(d.key()).filter(Claim::isClaimed).isEmpty();
  }

  private static String adoptedNote(DesiredRecord d) {
    return "adopted "
        + d.where()
        + ": it holds exactly what route53-ddns writes, and is the tool's from now on";
  }

  /**
   * A pointer names the first of the instance's pointer targets whose records were not refused (a
   * host name another instance holds, an alias blocked by a foreign record), else the last one.
   */
  private static DesiredRecord retarget(
      DesiredRecord d, List<DnsName> targets, Set<DnsName> refusedNames) {
    if (d.key().type() != RecordType.PTR
        || targets.isEmpty()
        || !d.content().values().equals(List.of(targets.get(0).value()))) {
      return d; // not the primary address's pointer (a further address names its own record)
    }
    DnsName target =
        targets.stream()
            .filter(t -> !refusedNames.contains(t))
            .findFirst()
            .orElse(targets.get(targets.size() - 1));
    if (d.content().values().equals(List.of(target.value()))) {
      return d;
    }
    return d.withContent(
        new RecordSet(
            d.content().name(), RecordType.PTR, d.content().ttl(), List.of(target.value())));
  }

  private static Optional<Alert> problem(
      InstanceId instanceId,
      DesiredRecord d,
      RegistrySnapshot registry,
      LiveRecords live,
      Set<RecordType> typesWantedHere) {
    RecordKey key = d.key();
    String what = d.where();
    boolean cname = key.type() == RecordType.CNAME;
    if (cname && typesWantedHere.size() > 1) {
      return Optional.of(
          new Alert(
              instanceId,
              AlertKind.NAME_CONFLICT,
              what
                  + " skipped: another record of this tool has the same name, and a CNAME must"
                  + " stand alone"));
    }
    NameInZone name = key.nameInZone();
    for (RecordSet existing : live.at(name)) {
      boolean clash = existing.type() == key.type() || cname || existing.type() == RecordType.CNAME;
      if (!clash) {
        continue;
      }
      RecordKey existingKey = new RecordKey(key.zoneId(), key.name(), existing.type());
      Optional<Claim> claim = registry.claim(existingKey).filter(Claim::isClaimed);
      if (claim.isEmpty()) {
        return Optional.of(
            new Alert(
                instanceId,
                AlertKind.FOREIGN_RECORD,
                what
                    + " skipped: a "
                    + existing.type()
                    + " record exists at that name and was not written by route53-ddns; it is"
                    + " left untouched"
                    + (existing.type() == key.type()
                            && existing.values().equals(d.content().values())
                        ? " (it holds exactly what route53-ddns would write: if it is the AWS"
                            + " sample's, or the tool's from before its registry was lost, 'ddns"
                            + " adopt' takes it over)"
                        : "")));
      }
      if (existing.type() != key.type()) {
        return Optional.of(
            new Alert(
                instanceId,
                AlertKind.NAME_CONFLICT,
                what
                    + " skipped: this tool already manages a "
                    + existing.type()
                    + " record there, for "
                    + claim.get().claimants().keySet().stream()
                        .map(InstanceId::value)
                        .collect(java.util.stream.Collectors.joining(", "))));
      }
    }
    return Optional.empty();
  }
}
