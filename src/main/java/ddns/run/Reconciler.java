package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.apply.BatchApplier.Preloaded;
import ddns.apply.Deadline;
import ddns.apply.DnsZones;
import ddns.config.Reach;
import ddns.dns.DesiredRecord;
import ddns.dns.RecordSet;
import ddns.dns.ZoneId;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.facts.Workplace;
import ddns.facts.WorkplaceDirectory;
import ddns.facts.ZoneDirectory;
import ddns.failure.ServiceFailure;
import ddns.job.RunContext;
import ddns.log.JsonLog;
import ddns.plan.Intent;
import ddns.registry.Claim;
import ddns.registry.Ownership;
import ddns.registry.OwnershipRegistry;
import ddns.registry.RegistrySnapshot;
import ddns.run.Pipeline.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Brings DNS and the registry in line with what runs now (docs/behaviour.md, "Reconcile"), in bulk:
 * all running instances (paged DescribeInstances), the whole registry (Scan), and the zones
 * concerned (ListResourceRecordSets, all pages), then the same stages as the event path. A run over
 * one account and region of several (a unit of a reconcile handed out) reads only its part of the
 * registry, by key ({@link WorkplaceRegistry}), and only the zones its instances write in or hold
 * records in. No call is made per instance, except one DescribeInstances per 200 registered
 * instances that no longer run, to report their state.
 */
final class Reconciler {
  private final InstanceSource ec2;
  private final WorkplaceDirectory workplaces;
  private final Reach reach;
  private final DnsZones dns;
  private final ZoneDirectory zoneDirectory;
  private final OwnershipRegistry registry;
  private final TableSetup table;
  private final Pipeline pipeline;
  private final WorkplaceRegistry slices;
  private final JsonLog log;

  Reconciler(
      InstanceSource ec2,
      WorkplaceDirectory workplaces,
      Reach reach,
      DnsZones dns,
      ZoneDirectory zoneDirectory,
      OwnershipRegistry registry,
      TableSetup table,
      Pipeline pipeline,
      JsonLog log) {
    this.zoneDirectory = zoneDirectory;
    this.ec2 = ec2;
    this.workplaces = workplaces;
    this.reach = reach;
    this.dns = dns;
    this.registry = registry;
    this.table = table;
    this.pipeline = pipeline;
    this.slices = new WorkplaceRegistry(registry);
    this.log = log;
  }

  /**
   * The instances looked at, or the failure that stopped the run before any was; notes on the
   * registry as a whole (items it cannot read).
   */
  record Result(
      List<InstanceResult> results,
      Optional<String> failure,
      List<String> notes,
      Map<Workplace, String> unreachable) {
    Result(List<InstanceResult> results, Optional<String> failure, List<String> notes) {
      this(results, failure, notes, Map.of());
    }
  }

  Result run(String runId, RunContext context, Deadline deadline) {
    return run(runId, context, Scope.all(), deadline);
  }

  /**
   * @param context a reconcile, or an adopt run (which takes over unclaimed records that hold
   *     exactly what a running instance should have); dry or not
   */
  Result run(String runId, RunContext context, Scope scope, Deadline deadline) {
    try {
      table.ensure(context.dryRun());
      Trigger trigger = Trigger.reconcile(runId);
      Workplace home = workplaces.home();
      List<Workplace> served = served(home);
      List<Workplace> looked = served.stream().filter(scope::covers).toList();
      if (looked.isEmpty()) {
        String why =
            "no account and region served matches " + scope + " (DDNS_ACCOUNTS, DDNS_REGIONS)";
        log.error("reconcile failed", field("runId", runId), field("error", why));
        return new Result(List.of(), Optional.of(why), List.of());
      }
      Listing listing = running(looked, trigger);
      // One workplace of several (a unit of a reconcile handed out) reads its own part only.
      Optional<WorkplaceRegistry.Slice> slice =
          looked.size() == 1 && served.size() > 1
              ? Optional.of(slices.read(looked.get(0), home, listing.subjects().keySet()))
              : Optional.empty();
      RegistrySnapshot snapshot =
          withOrphanClaimants(
              slice.map(WorkplaceRegistry.Slice::snapshot).orElseGet(registry::scan),
              listing.subjects().keySet(),
              id -> looked.contains(id.workplaceIn(home)));
      Map<InstanceId, Subject> subjects = withGone(listing, snapshot, looked, home, trigger);
      BatchPlanning.Planned planned = pipeline.plan(List.copyOf(subjects.values()), context);
      List<InstanceResult> results =
          pipeline.apply(
              planned,
              Optional.of(preloaded(snapshot, slice, planned.intents())),
              context,
              deadline);
      Map<String, String> workplaceAlerts = unreached(listing.unreachable());
      Pipeline.Alerted alerted = pipeline.alert(results, workplaceAlerts, context);
      results = alerted.results();
      long changed = results.stream().filter(InstanceResult::eventful).count();
      log.info(
          "reconciled",
          field("runId", runId),
          field("instances", results.size()),
          field("withChanges", changed),
          field("unreachable", listing.unreachable().size()));
      List<String> notes = new ArrayList<>(unreadable(snapshot));
      // The account's zones, once a run: handed out, by the unit of the tool's own workplace.
      if (slice.isEmpty() || looked.get(0).equals(home)) {
        notes.add(zoneCount(snapshot));
      }
      notes.addAll(workplaceAlerts.values());
      notes.addAll(alerted.notes());
      return new Result(results, Optional.empty(), notes, listing.unreachable());
    } catch (ServiceFailure e) {
      log.error("reconcile failed", field("runId", runId), field("error", e.getMessage()));
      return new Result(List.of(), Optional.of(e.getMessage()), List.of());
    }
  }

  /**
   * What the plan reads in bulk: the snapshot (with, for one workplace's part, the claims its
   * intents need besides) and every record of the zones it can touch.
   */
  private Preloaded preloaded(
      RegistrySnapshot snapshot, Optional<WorkplaceRegistry.Slice> slice, List<Intent> intents) {
    RegistrySnapshot planned =
        slice.map(part -> slices.forIntents(snapshot, part.index(), intents)).orElse(snapshot);
    return new Preloaded(planned, zoneRecords(dns, intents, planned));
  }

  /** The running instances of the workplaces looked at, and those that could not be read. */
  private record Listing(Map<InstanceId, Subject> subjects, Map<Workplace, String> unreachable) {}

  /**
   * @throws ServiceFailure when no workplace answered: nothing is known, so nothing is judged gone
   */
  private Listing running(List<Workplace> looked, Trigger trigger) {
    Map<Workplace, String> unreachable = new LinkedHashMap<>();
    Map<InstanceId, Subject> subjects = new TreeMap<>();
    for (Workplace where : looked) {
      try {
        for (InstanceFacts facts : ec2.running(where)) {
          subjects.put(
              facts.instanceId(), new Subject(facts.instanceId(), trigger, Optional.of(facts)));
        }
      } catch (ServiceFailure e) {
        unreachable.put(where, e.getMessage());
      }
    }
    if (unreachable.size() == looked.size()) {
      Map.Entry<Workplace, String> first = unreachable.entrySet().iterator().next();
      throw new ServiceFailure(
          looked.size() == 1 ? first.getValue() : first.getKey() + ": " + first.getValue(), null);
    }
    return new Listing(subjects, unreachable);
  }

  /**
   * The running instances and the registered ones that no longer run (as EC2 says now; a workplace
   * that fails here joins the unreachable ones).
   */
  private Map<InstanceId, Subject> withGone(
      Listing listing,
      RegistrySnapshot snapshot,
      List<Workplace> looked,
      Workplace home,
      Trigger trigger) {
    Map<InstanceId, Subject> subjects = new TreeMap<>(listing.subjects());
    Map<Workplace, String> unreachable = listing.unreachable();
    Set<InstanceId> gone = new TreeSet<>(snapshot.owners().keySet());
    snapshot.unreadable().keySet().stream()
        .filter(InstanceId::isValid)
        .map(InstanceId::of)
        .forEach(gone::add);
    gone.removeAll(subjects.keySet());
    // An instance of a workplace not looked at, or not answering, is never taken for gone.
    gone.removeIf(
        id ->
            !looked.contains(id.workplaceIn(home))
                || unreachable.containsKey(id.workplaceIn(home)));
    Map<InstanceId, InstanceFacts> goneFacts = describeGone(gone, home, unreachable);
    gone.removeIf(id -> unreachable.containsKey(id.workplaceIn(home)));
    for (InstanceId id : gone) {
      Optional<InstanceFacts> facts = Optional.ofNullable(goneFacts.get(id));
      if (facts.isPresent() && facts.get().state().registers()) {
        continue; // started since the listing: its own event (or the next run) registers it
      }
      subjects.put(id, new Subject(id, trigger, facts));
    }
    return subjects;
  }

  /**
   * The reverse zones the tool created, against the account's quota of hosted zones (which every
   * zone of the account counts against): docs/behaviour.md, "Reverse zones".
   */
  private String zoneCount(RegistrySnapshot snapshot) {
    String created = "hosted zones: " + snapshot.createdZones().size() + " created by route53-ddns";
    try {
      ZoneDirectory.ZoneQuota quota = zoneDirectory.hostedZoneQuota();
      boolean near = quota.count() * 10 >= quota.limit() * 9;
      return created
          + "; the account has "
          + quota.count()
          + " of its quota of "
          + quota.limit()
          + (near
              ? ", nearly all: new reverse zones will be refused (TooManyHostedZones); ask for a"
                  + " higher quota, use covering reverse zones or DDNS_DELETE_EMPTY_REVERSE_ZONES"
              : "");
    } catch (ServiceFailure e) {
      return created + "; the account's quota could not be read: " + e.getMessage();
    }
  }

  /**
   * Every workplace served: the tool's own alone, or {@code DDNS_ACCOUNTS} (or the organization's)
   * times {@code DDNS_REGIONS}, with the tool's own account and region.
   */
  /** Every workplace served, the tool's own first. */
  List<Workplace> served() {
    return served(workplaces.home());
  }

  private List<Workplace> served(Workplace home) {
    if (!reach.beyondOwn()) {
      return List.of(home);
    }
    return reach.workplaces(
        home, reach.wholeOrganization() ? workplaces.organizationAccounts() : reach.accounts());
  }

  /**
   * The current state of registered instances not running, one {@code DescribeInstances} per
   * workplace; a workplace that fails here is added to {@code unreachable}.
   */
  private Map<InstanceId, InstanceFacts> describeGone(
      Set<InstanceId> gone, Workplace home, Map<Workplace, String> unreachable) {
    Map<InstanceId, InstanceFacts> found = new HashMap<>();
    InstanceId.byWorkplace(gone)
        .forEach(
            (named, ids) -> {
              Workplace where = named.orElse(home);
              try {
                found.putAll(ec2.describe(ids));
              } catch (ServiceFailure e) {
                if (!reach.beyondOwn()) {
                  throw e;
                }
                unreachable.put(where, e.getMessage());
              }
            });
    return found;
  }

  /**
   * One alert per workplace that could not be read, by subject (remembered like an instance's, and
   * its text a note of the run): its instances are left as they are until it answers again.
   */
  private Map<String, String> unreached(Map<Workplace, String> unreachable) {
    Map<String, String> messages = new LinkedHashMap<>();
    unreachable.forEach(
        (where, why) -> {
          String text =
              "account "
                  + where.account()
                  + ", region "
                  + where.region()
                  + " could not be read, so its instances and records are left as they are: "
                  + why;
          messages.put("account " + where.account() + " " + where.region() + " unreachable", text);
          log.error(
              "workplace unreachable", field("workplace", where.toString()), field("error", why));
        });
    return messages;
  }

  /** One note per reason, naming the items: reported once a run, never fatal. */
  private static List<String> unreadable(RegistrySnapshot snapshot) {
    Map<String, List<String>> byReason = new TreeMap<>();
    snapshot
        .unreadable()
        .forEach((key, why) -> byReason.computeIfAbsent(why, w -> new ArrayList<>()).add(key));
    List<String> notes = new ArrayList<>();
    byReason.forEach(
        (why, keys) ->
            notes.add(
                keys.size()
                    + " registry items "
                    + why
                    + " are skipped; an instance's item is replaced or removed when the instance"
                    + " is handled: "
                    + String.join(", ", keys.subList(0, Math.min(20, keys.size())))
                    + (keys.size() > 20 ? ", …" : "")));
    return notes;
  }

  /** Every record of every zone the plan can touch: zones of wanted records and of claims. */
  static Map<ZoneId, List<RecordSet>> zoneRecords(
      DnsZones dns, List<Intent> intents, RegistrySnapshot snapshot) {
    Set<ZoneId> zoneIds = new TreeSet<>();
    intents.forEach(i -> i.desired().forEach(d -> zoneIds.add(d.key().zoneId())));
    snapshot.claims().keySet().forEach(k -> zoneIds.add(k.zoneId()));
    Map<ZoneId, List<RecordSet>> zones = new HashMap<>();
    for (ZoneId zoneId : zoneIds) {
      zones.put(zoneId, zoneId.isPlanned() ? List.of() : dns.allRecords(zoneId));
    }
    return zones;
  }

  /**
   * Claimants without an instance item (left by an interrupted run) that no longer run get one
   * here, listing the claims that name them, so the plan releases those claims as well.
   */
  static RegistrySnapshot withOrphanClaimants(RegistrySnapshot snapshot, Set<InstanceId> running) {
    return withOrphanClaimants(snapshot, running, id -> true);
  }

  /**
   * @param looked the claimants whose workplace the run looks at: only those are taken for orphans
   *     (a snapshot of one workplace's part holds no item of another's claimants)
   */
  static RegistrySnapshot withOrphanClaimants(
      RegistrySnapshot snapshot, Set<InstanceId> running, Predicate<InstanceId> looked) {
    Map<InstanceId, List<DesiredRecord>> orphans = new LinkedHashMap<>();
    for (Claim claim : snapshot.claims().values()) {
      claim
          .claimants()
          .forEach(
              (id, claimant) -> {
                if (!running.contains(id) && snapshot.owner(id).isEmpty() && looked.test(id)) {
                  RecordSet set =
                      new RecordSet(
                          claim.key().name(),
                          claim.key().type(),
                          claimant.ttl(),
                          claimant.values());
                  orphans
                      .computeIfAbsent(id, k -> new ArrayList<>())
                      .add(new DesiredRecord(claim.key(), claim.zoneName(), set));
                }
              });
    }
    if (orphans.isEmpty()) {
      return snapshot;
    }
    Map<InstanceId, Ownership> owners = new HashMap<>(snapshot.owners());
    orphans.forEach(
        (id, records) -> owners.put(id, new Ownership(id, 0, Instant.EPOCH, records, Map.of())));
    return new RegistrySnapshot(
        owners, snapshot.claims(), snapshot.unreadable(), snapshot.createdZones());
  }
}
