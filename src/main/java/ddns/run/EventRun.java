package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.apply.Deadline;
import ddns.config.Config;
import ddns.event.InboundEvent;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.facts.Workplace;
import ddns.facts.WorkplaceDirectory;
import ddns.failure.ServiceFailure;
import ddns.log.JsonLog;
import ddns.run.Pipeline.Subject;
import ddns.run.Summary.RejectedEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The event path: one invocation's events, grouped per instance, their current state read in one
 * {@code DescribeInstances}, then the shared stages; schedules run a reconcile.
 */
final class EventRun {
  private final Config config;
  private final InstanceSource ec2;
  private final WorkplaceDirectory workplaces;
  private final TableSetup table;
  private final Pipeline pipeline;
  private final Reconciler reconciler;
  private final JsonLog log;

  EventRun(
      Config config,
      InstanceSource ec2,
      WorkplaceDirectory workplaces,
      TableSetup table,
      Pipeline pipeline,
      Reconciler reconciler,
      JsonLog log) {
    this.config = config;
    this.ec2 = ec2;
    this.workplaces = workplaces;
    this.table = table;
    this.pipeline = pipeline;
    this.reconciler = reconciler;
    this.log = log;
  }

  Summaries.Run handle(List<InboundEvent> events, long startedMillis, Deadline deadline) {
    Optional<Workplace> home = Optional.empty();
    Optional<String> unplaced = Optional.empty();
    if (config.reach().beyondOwn()) {
      try {
        home = Optional.of(workplaces.home());
      } catch (ServiceFailure e) {
        unplaced =
            Optional.of(
                "cannot tell which account route53-ddns runs in, so the event cannot be placed in"
                    + " its account: "
                    + e.getMessage());
        log.error("batch failed", field("error", unplaced.get()));
      }
    }
    EventBatch batch = EventBatch.of(events, config.rules(), log, config.reach(), home);
    boolean dryRun = config.dryRun();
    List<InstanceResult> results = new ArrayList<>();
    List<RejectedEvent> rejected = new ArrayList<>(batch.rejected());
    if (unplaced.isPresent()) {
      results.addAll(failed(batch.byInstance().keySet(), batch, unplaced.get(), false));
    } else if (!batch.byInstance().isEmpty()) {
      Handled handled = instances(batch, dryRun, deadline);
      results.addAll(handled.results());
      rejected.addAll(handled.refused());
    }
    Mode mode = Mode.EVENT;
    Optional<String> runFailure = Optional.empty();
    List<String> notes = new ArrayList<>(batch.notes());
    if (!batch.reconcileRequests().isEmpty()) {
      // One run serves every message of the batch that asks for one.
      mode = Mode.RECONCILE;
      Reconciler.Result run = reconciler.run(batch.reconcileRequests().get(0), dryRun, deadline);
      results.addAll(run.results());
      runFailure = run.failure();
      notes.addAll(run.notes());
    }
    return new Summaries.Run(
        mode,
        dryRun,
        results,
        runFailure,
        rejected,
        notes,
        failedMessages(rejected, batch, results, runFailure),
        startedMillis);
  }

  /** What handling a batch's instances came to: results, and events refused as not served. */
  private record Handled(List<InstanceResult> results, List<RejectedEvent> refused) {}

  /**
   * One {@code DescribeInstances} per workplace of the batch. A workplace that cannot be read fails
   * only its own instances (retried), with an alert when it is another than the tool's own: the
   * other workplaces' instances go on.
   */
  private Handled instances(EventBatch batch, boolean dryRun, Deadline deadline) {
    try {
      table.ensure(dryRun);
    } catch (ServiceFailure e) {
      log.error("batch failed", field("error", e.getMessage()));
      return new Handled(
          failed(batch.byInstance().keySet(), batch, e.getMessage(), false), List.of());
    }
    Map<InstanceId, InstanceFacts> facts = new LinkedHashMap<>();
    List<InstanceResult> unread = new ArrayList<>();
    InstanceId.byWorkplace(batch.byInstance().keySet())
        .forEach(
            (where, ids) -> {
              try {
                facts.putAll(ec2.describe(ids));
              } catch (ServiceFailure e) {
                log.error(
                    "instances could not be read",
                    field("workplace", where.map(Workplace::toString).orElse("own")),
                    field("error", e.getMessage()));
                unread.addAll(failed(ids, batch, e.getMessage(), where.isPresent()));
              }
            });
    Set<InstanceId> unreadIds = unread.stream().map(InstanceResult::id).collect(Collectors.toSet());
    Map<InstanceId, String> foreign = notServed(batch, facts, unreadIds);
    List<RejectedEvent> refused = new ArrayList<>();
    foreign.forEach(
        (id, why) ->
            batch
                .byInstance()
                .get(id)
                .forEach(t -> refused.add(new RejectedEvent(t.messageId(), why))));
    refused.forEach(
        r ->
            log.warn(
                "event rejected", field("messageId", r.messageId()), field("error", r.error())));
    List<Subject> subjects = new ArrayList<>();
    batch
        .byInstance()
        .forEach(
            (id, triggers) -> {
              if (!unreadIds.contains(id) && !foreign.containsKey(id)) {
                subjects.add(
                    new Subject(id, EventBatch.last(triggers), Optional.ofNullable(facts.get(id))));
              }
            });
    List<InstanceResult> results = new ArrayList<>(unread);
    if (!subjects.isEmpty()) {
      results.addAll(pipeline.run(subjects, dryRun, intents -> Optional.empty(), deadline));
    }
    results = pipeline.alert(results, dryRun);
    results.forEach(
        r ->
            log.info(
                "instance handled",
                field("eventId", r.trigger().eventId()),
                field("messageId", r.trigger().messageId()),
                field("cause", r.trigger().cause().toString()),
                field("instanceId", r.id().value()),
                field("action", r.decision().action().toString()),
                field("outcome", r.outcome().outcome().toString()),
                field("changes", r.changes().size()),
                field("alerts", r.alerts().size())));
    return new Handled(results, refused);
  }

  /**
   * Serving its own account only, the tool cannot see another account's instances: an event of
   * another account (a member template deployed before the central stack serves that account) names
   * an instance EC2 does not show here. It is refused at once, naming the setting, rather than
   * retried as a launch EC2 does not show yet. The tool's own account is looked up only then (STS,
   * once per container).
   *
   * @return the instances EC2 did not show whose events name another account, with the reason
   */
  private Map<InstanceId, String> notServed(
      EventBatch batch, Map<InstanceId, InstanceFacts> found, Set<InstanceId> unread) {
    if (config.reach().beyondOwn()) {
      return Map.of();
    }
    Map<InstanceId, String> accounts = new LinkedHashMap<>();
    batch
        .byInstance()
        .forEach(
            (id, triggers) -> {
              if (!found.containsKey(id) && !unread.contains(id)) {
                triggers.stream()
                    .flatMap(t -> t.account().stream())
                    .findFirst()
                    .ifPresent(a -> accounts.put(id, a));
              }
            });
    if (accounts.isEmpty()) {
      return Map.of();
    }
    String own;
    try {
      own = workplaces.ownAccount();
    } catch (ServiceFailure e) {
      log.warn(
          "could not tell which account route53-ddns runs in; events EC2 does not show are"
              + " treated as launches not visible yet",
          field("error", e.getMessage()));
      return Map.of();
    }
    Map<InstanceId, String> refused = new LinkedHashMap<>();
    accounts.forEach(
        (id, account) -> {
          if (!account.equals(own)) {
            refused.put(
                id,
                "the event comes from account "
                    + account
                    + ", which route53-ddns does not serve: it serves its own account "
                    + own
                    + " only; to serve "
                    + account
                    + ", list it in DDNS_ACCOUNTS (the stack's MemberAccounts)");
          }
        });
    return refused;
  }

  private static List<InstanceResult> failed(
      Collection<InstanceId> ids, EventBatch batch, String error, boolean alert) {
    return ids.stream()
        .map(
            id ->
                InstanceResult.failedBeforePlanning(
                    id,
                    EventBatch.last(batch.byInstance().get(id)),
                    error,
                    alert
                        ? List.of(new Alert(id, AlertKind.WORKPLACE_UNREACHABLE, error))
                        : List.of()))
        .toList();
  }

  /**
   * Rejected messages, and every message that named a failed instance (not only the one it was
   * handled for); a failed reconcile run fails every message that asked for it.
   */
  private static List<String> failedMessages(
      List<RejectedEvent> rejected,
      EventBatch batch,
      List<InstanceResult> results,
      Optional<String> runFailure) {
    List<String> failed = new ArrayList<>();
    rejected.forEach(r -> failed.add(r.messageId()));
    for (InstanceResult r : results) {
      if (!r.failed()) {
        continue;
      }
      List<Trigger> named = batch.byInstance().getOrDefault(r.id(), List.of());
      (named.contains(r.trigger()) ? named : List.of(r.trigger()))
          .forEach(t -> failed.add(t.messageId()));
    }
    if (runFailure.isPresent()) {
      failed.addAll(batch.reconcileRequests());
    }
    return failed.stream().distinct().toList();
  }
}
