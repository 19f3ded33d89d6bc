package ddns.plan;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.dns.DesiredRecord;
import ddns.dns.DnsName;
import ddns.dns.NameInZone;
import ddns.dns.Quoted;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.Sharing;
import ddns.facts.InstanceId;
import ddns.registry.Claim;
import ddns.registry.Claimant;
import ddns.registry.RegistrySnapshot;
import ddns.registry.RegistryWrite;
import ddns.registry.RegistryWrite.DeleteClaim;
import ddns.registry.RegistryWrite.PutClaim;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Turns a batch's intents, the registry and the records at each name (read from Route 53, or what
 * the registry says it holds: {@link ExpectedRecords}) into a {@link ChangePlan}. Pure. An UPSERT
 * below is sent conditional on the record there ({@link PlannedChange}).
 *
 * <p>Ownership rules (docs/behaviour.md, "Ownership"), per record set:
 *
 * <pre>
 * claimed before | claimants after | record there         | action
 * ---------------+-----------------+----------------------+--------------------------------
 * no             | someone         | none                 | UPSERT winner's content
 * no             | someone         | conflicting, foreign | skip, FOREIGN_RECORD alert
 * yes            | someone         | other content/none   | UPSERT winner's content
 * yes            | someone         | winner's content     | nothing
 * yes            | nobody          | a claimant's content | DELETE exactly that content
 * yes            | nobody          | other content        | leave it, RECORD_EDITED alert
 * yes            | nobody          | none                 | nothing (already gone)
 * </pre>
 *
 * The content comes from the claim ({@link Claim#content}): for most records the most recently
 * launched claimant's, so a shared CNAME moves to the next claimant when the current one goes away;
 * for a host name the one instance that holds it; for a pool every member's addresses. A pool's
 * record set is written guarded (see {@link PlannedChange}), so concurrent joins and leaves never
 * lose a member.
 */
public final class ChangePlanner {
  private final AccountBoundary boundary;
  private final Supplier<String> ownAccount;

  /** Nothing shared across accounts ({@link AccountBoundary#STRICT}); one account. */
  public ChangePlanner() {
    this(AccountBoundary.STRICT, () -> "");
  }

  public ChangePlanner(AccountBoundary boundary) {
    this(boundary, () -> "");
  }

  /**
   * @param ownAccount the account the tool runs in, which its own instances' plain ids are in
   *     (asked for only when a batch is planned; empty while it serves no other account)
   */
  public ChangePlanner(AccountBoundary boundary, Supplier<String> ownAccount) {
    this.boundary = boundary;
    this.ownAccount = ownAccount;
  }

  /**
   * Every name whose live records {@link #plan} needs: all that the batch wants or owned, and the
   * record sets an earlier attempt of the same batch changed.
   */
  public static Set<NameInZone> namesToRead(
      List<Intent> intents, RegistrySnapshot registry, Map<RecordKey, PlannedChange> sentBefore) {
    Set<NameInZone> names = new TreeSet<>();
    Set<RecordKey> keys = affectedKeys(intents, registry);
    keys.addAll(sentBefore.keySet());
    for (RecordKey key : keys) {
      names.add(key.nameInZone());
    }
    return names;
  }

  /** Every record set the batch may change: what its instances want and what they owned. */
  public static Set<RecordKey> affectedKeys(List<Intent> intents, RegistrySnapshot registry) {
    Set<RecordKey> keys = new TreeSet<>();
    for (Intent intent : intents) {
      intent.desired().forEach(d -> keys.add(d.key()));
      registry
          .owner(intent.instanceId())
          .ifPresent(o -> o.records().forEach(r -> keys.add(r.key())));
    }
    return keys;
  }

  public ChangePlan plan(List<Intent> intents, RegistrySnapshot registry, LiveRecords live) {
    return plan(intents, registry, live, Map.of(), false);
  }

  public ChangePlan plan(
      List<Intent> intents,
      RegistrySnapshot registry,
      LiveRecords live,
      Map<RecordKey, PlannedChange> sentBefore) {
    return plan(intents, registry, live, sentBefore, false);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Plans again after an attempt that lost a race: {@code sentBefore} are the changes that attempt
   * already sent. Their record sets are re-checked even when no instance of the batch owns them any
   * more (another invocation released them meanwhile), and one that is now unclaimed but still
   * holds exactly what this batch wrote is deleted: it is this batch's own stale write. With {@code
   * adopt}, records that hold exactly what an instance should have, unclaimed, are taken over
   * rather than refused.
   */
  public ChangePlan plan(
      List<Intent> intents,
      RegistrySnapshot registry,
      LiveRecords live,
      Map<RecordKey, PlannedChange> sentBefore,
      boolean adopt) {
    List<Intent> sorted =
        intents.stream().sorted(Comparator.comparing(Intent::instanceId)).toList();
    List<Alert> alerts = new ArrayList<>();
    Map<InstanceId, List<String>> adopted = new TreeMap<>();
    Map<InstanceId, List<DesiredRecord>> accepted =
        NameConflicts.accept(
            sorted, registry, live, alerts, adopt ? adopted : null, boundary, ownAccount.get());

    Involved batch = Involved.of(sorted, accepted, registry, sentBefore);
    Map<InstanceId, Intent> byId = batch.byId();

    List<RegistryWrite> before = new ArrayList<>();
    List<RegistryWrite> after = new ArrayList<>();
    List<PlannedChange> changes = new ArrayList<>();
    for (Map.Entry<RecordKey, DnsName> entry : batch.zoneNames().entrySet()) {
      RecordKey key = entry.getKey();
      Claim old =
          registry.claim(key).orElse(Claim.unclaimed(key, entry.getValue(), batch.sharingOf(key)));
      Set<InstanceId> actors = new TreeSet<>(batch.involved().getOrDefault(key, Set.of()));
      old.claimants().keySet().stream().filter(byId::containsKey).forEach(actors::add);
      Map<InstanceId, Claimant> next = new TreeMap<>(old.claimants());
      for (InstanceId id : actors) {
        next.remove(id);
        DesiredRecord d = batch.wanted().get(id).get(key);
        if (d != null) {
          next.put(id, claimant(byId.get(id), d));
        }
      }
      Claim nextClaim = old.withClaimants(old.version(), next);
      Optional<PlannedChange> earlier = Optional.ofNullable(sentBefore.get(key));
      InstanceId actor =
          actors.isEmpty()
              ? earlier.map(PlannedChange::instanceId).orElse(sorted.get(0).instanceId())
              : actors.iterator().next();
      Optional<PlannedChange> change =
          change(old, nextClaim, live, actor, byId.keySet(), earlier, alerts);
      claimWrites(old, nextClaim, change.filter(PlannedChange::guarded).isPresent(), before, after);
      change.ifPresent(changes::add);
    }

    Map<InstanceId, List<String>> notes = new TreeMap<>(adopted);
    for (Intent intent : sorted) {
      OwnershipWrites.of(intent, accepted.get(intent.instanceId()), registry, before, after);
      OwnershipWrites.note(intent, registry, before)
          .ifPresent(n -> notes.merge(intent.instanceId(), List.of(n), ChangePlanner::concat));
    }
    return new ChangePlan(before, changes, after, alerts, accepted, notes);
  }

  /**
   * Who in the batch touches which record set: the records each instance wants (after the ownership
   * checks), and every record set it owned or an earlier attempt wrote, with its zone.
   */
  private record Involved(
      Map<InstanceId, Intent> byId,
      Map<InstanceId, Map<RecordKey, DesiredRecord>> wanted,
      Map<RecordKey, DnsName> zoneNames,
      Map<RecordKey, Set<InstanceId>> involved,
      Map<RecordKey, Sharing> sharing) {

    static Involved of(
        List<Intent> sorted,
        Map<InstanceId, List<DesiredRecord>> accepted,
        RegistrySnapshot registry,
        Map<RecordKey, PlannedChange> sentBefore) {
      Involved b =
          new Involved(
              new HashMap<>(), new HashMap<>(), new TreeMap<>(), new HashMap<>(), new HashMap<>());
      for (Intent intent : sorted) {
        InstanceId id = intent.instanceId();
        b.byId.put(id, intent);
        Map<RecordKey, DesiredRecord> mine = new HashMap<>();
        for (DesiredRecord d : accepted.get(id)) {
          mine.put(d.key(), d);
          b.zoneNames.put(d.key(), d.zoneName());
          b.sharing.putIfAbsent(d.key(), d.sharing());
          b.involve(d.key(), id);
        }
        b.wanted.put(id, mine);
        registry
            .owner(id)
            .ifPresent(
                o ->
                    o.records()
                        .forEach(
                            r -> {
                              b.zoneNames.putIfAbsent(r.key(), r.zoneName());
                              b.involve(r.key(), id);
                            }));
      }
      sentBefore.forEach((key, change) -> b.zoneNames.putIfAbsent(key, change.zoneName()));
      return b;
    }

    /** How a record set nobody claims yet is to be shared: as the records that want it say. */
    Sharing sharingOf(RecordKey key) {
      return sharing.getOrDefault(key, Sharing.LATEST);
    }

    private void involve(RecordKey key, InstanceId id) {
      involved.computeIfAbsent(key, k -> new TreeSet<>()).add(id);
    }
  }

  private static Optional<PlannedChange> change(
      Claim old,
      Claim next,
      LiveRecords live,
      InstanceId actor,
      Set<InstanceId> batch,
      Optional<PlannedChange> sentBefore,
      List<Alert> alerts) {
    RecordKey key = next.key();
    Optional<RecordSet> current = live.at(key.nameInZone(), key.type());
    Optional<RecordSet> want = next.content();
    if (want.isPresent()) {
      if (current.isPresent() && current.get().sameContent(want.get())) {
        return Optional.empty();
      }
      InstanceId by =
          next.winner()
              .map(Claimant::instanceId)
              .filter(id -> next.sharing() != Sharing.POOL && batch.contains(id))
              .orElse(actor);
      return Optional.of(
          new PlannedChange(
              ChangeAction.UPSERT,
              key.zoneId(),
              next.zoneName(),
              want.get(),
              by,
              current,
              next.sharing() == Sharing.POOL));
    }
    boolean ownStaleWrite =
        sentBefore.isPresent()
            && sentBefore.get().action() == ChangeAction.UPSERT
            && current.isPresent()
            && current.get().sameContent(sentBefore.get().set());
    if ((old.isClaimed() || ownStaleWrite) && current.isPresent()) {
      if (!ownStaleWrite && !writtenByUs(old, current.get())) {
        alerts.add(edited(actor, old, current.get()));
        return Optional.empty();
      }
      return Optional.of(
          new PlannedChange(
              ChangeAction.DELETE, key.zoneId(), next.zoneName(), current.get(), actor));
    }
    return Optional.empty();
  }

  /**
   * The live record holds what one of its claimants asked for: the tool wrote it. Any other content
   * (values or TTL) was set outside the tool, so the record is no longer the tool's.
   */
  private static boolean writtenByUs(Claim claim, RecordSet live) {
    return claim.content().map(live::sameContent).orElse(false)
        || claim.claimants().values().stream()
            .anyMatch(c -> c.ttl() == live.ttl() && c.values().equals(live.values()));
  }

  private static Alert edited(InstanceId actor, Claim claim, RecordSet live) {
    RecordKey key = claim.key();
    return new Alert(
        actor,
        AlertKind.RECORD_EDITED,
        key.type()
            + " "
            + key.name()
            + " in zone "
            + claim.zoneName()
            + " was changed outside route53-ddns (now TTL "
            + live.ttl()
            + ", "
            + Quoted.of(String.join(" ", live.values()))
            + "); it is left as it is and no longer managed");
  }

  /**
   * Claims grow before Route 53 changes and shrink after them. A guarded change's content comes
   * from the claim as read, so its claim is written before it in any case, conditional on that
   * version (with the same claimants when nothing grows): a claim another writer changed since it
   * was read makes this batch lose the race and read again, instead of writing a set without that
   * writer's members.
   */
  private static void claimWrites(
      Claim old,
      Claim next,
      boolean guarded,
      List<RegistryWrite> before,
      List<RegistryWrite> after) {
    if (old.claimants().equals(next.claimants()) && !guarded) {
      return;
    }
    Map<InstanceId, Claimant> union = new TreeMap<>(old.claimants());
    union.putAll(next.claimants());
    long version = old.version();
    if (!union.equals(old.claimants()) || guarded) {
      before.add(new PutClaim(old.withClaimants(version + 1, union), version));
      version++;
    }
    if (!next.claimants().equals(union)) {
      if (next.claimants().isEmpty()) {
        after.add(new DeleteClaim(old.key(), version));
      } else {
        after.add(new PutClaim(old.withClaimants(version + 1, next.claimants()), version));
      }
    }
  }

  private static Claimant claimant(Intent intent, DesiredRecord d) {
    return new Claimant(
        intent.instanceId(),
        intent.launchTime(),
        d.content().ttl(),
        d.content().values(),
        HostRecords.vpcOf(intent));
  }
}
