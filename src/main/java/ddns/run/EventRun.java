package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.apply.Deadline;
import ddns.apply.SubmittedChanges;
import ddns.config.Config;
import ddns.event.InboundEvent;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.facts.Workplace;
import ddns.facts.WorkplaceDirectory;
import ddns.failure.ServiceFailure;
import ddns.job.Mode;
import ddns.job.RunContext;
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
  private final SubmittedChanges submitted;
  private final LifecycleCompletion lifecycle;
  private final ReconcileFanOut fanOut;
  private final EventAccounts accounts;
  private final JsonLog log;

  EventRun(
      Config config,
      InstanceSource ec2,
      WorkplaceDirectory workplaces,
      TableSetup table,
      Pipeline pipeline,
      Reconciler reconciler,
      SubmittedChanges submitted,
      LifecycleCompletion lifecycle,
      ReconcileFanOut fanOut,
      JsonLog log) {
    this.fanOut = fanOut;
    this.accounts = new EventAccounts(config.reach(), workplaces, log);
    this.config = config;
    this.submitted = submitted;
    this.lifecycle = lifecycle;
    this.ec2 = ec2;
    this.workplaces = workplaces;
    this.table = table;
    this.pipeline = pipeline;
    this.reconciler = reconciler;
    this.log = log;
  }

  Summaries.Run handle(List<InboundEvent> events, long startedMillis, Deadline deadline) {
    RunContext context = new RunContext(Mode.EVENT, config.dryRun());
    Placed placed = place(events);
    EventBatch batch =
        EventBatch.of(
            events,
            config.rules(),
            config.lifecycleHooks(),
            log,
            config.reach(),
            placed.home(),
            placed.outsiders());
    List<InstanceResult> results = new ArrayList<>();
    List<RejectedEvent> rejected = new ArrayList<>(batch.rejected());
    List<String> notes = new ArrayList<>(batch.notes());
    Map<String, String> notices = EventAccounts.notices(placed.outsiders());
    if (placed.failure().isPresent()) {
      results.addAll(failed(batch.byInstance().keySet(), batch, placed.failure().get(), false));
    } else if (!batch.byInstance().isEmpty()) {
      Handled handled = instances(batch, context, deadline, notices);
      results.addAll(handled.results());
      rejected.addAll(handled.refused());
      notes.addAll(handled.notes());
    } else if (!notices.isEmpty()) {
      notes.addAll(pipeline.alert(List.of(), notices, context).notes());
    }
    List<String> failedRechecks = List.of();
    List<java.time.Duration> timesToDns = List.of();
    if (!batch.rechecks().isEmpty()) {
      LifecycleCompletion.Rechecked rechecked =
          lifecycle.recheck(batch.rechecks(), context.dryRun());
      notes.addAll(rechecked.notes());
      failedRechecks = rechecked.failedMessageIds();
      timesToDns = rechecked.timesToDns();
    }
    Reconciled reconciled = reconciles(batch, context.dryRun(), deadline);
    results.addAll(reconciled.results());
    notes.addAll(reconciled.notes());
    return new Summaries.Run(
        reconciled.ran() ? Mode.RECONCILE : Mode.EVENT,
        context.dryRun(),
        results,
        reconciled.failure(),
        rejected,
        notes,
        java.util.stream.Stream.of(
                failedMessages(rejected, batch, results, reconciled.failure()),
                failedRechecks,
                reconciled.failedUnits())
            .flatMap(List::stream)
            .distinct()
            .filter(id -> !reconciled.handedBack().contains(id))
            .toList(),
        startedMillis,
        new Timings(toSubmit(results), timesToDns));
  }

  /**
   * Where the batch's events come from: the tool's own workplace (when it serves others), and the
   * accounts outside the organization; the failure that keeps the events from being placed.
   */
  private record Placed(
      Optional<Workplace> home, Set<String> outsiders, Optional<String> failure) {}

  private Placed place(List<InboundEvent> events) {
    if (!config.reach().beyondOwn()) {
      return new Placed(Optional.empty(), Set.of(), Optional.empty());
    }
    Workplace home;
    try {
      home = workplaces.home();
    } catch (ServiceFailure e) {
      return unplaced(
          Optional.empty(),
          "cannot tell which account route53-ddns runs in, so the event cannot be placed in its"
              + " account: "
              + e.getMessage());
    }
    if (!config.reach().wholeOrganization()) {
      return new Placed(Optional.of(home), Set.of(), Optional.empty());
    }
    try {
      return new Placed(Optional.of(home), accounts.outsiders(events, home), Optional.empty());
    } catch (ServiceFailure e) {
      return unplaced(
          Optional.of(home),
          "cannot tell whether the events' accounts belong to the organization: " + e.getMessage());
    }
  }

  private Placed unplaced(Optional<Workplace> home, String why) {
    log.error("batch failed", field("error", why));
    return new Placed(home, Set.of(), Optional.of(why));
  }

  /**
   * What the batch's reconcile requests came to: whether any ran (or was handed out), the results,
   * notes, the failure of a whole run, the units that failed (their messages come back), and the
   * units handed back to the queue as new messages (theirs are done).
   */
  private record Reconciled(
      boolean ran,
      List<InstanceResult> results,
      List<String> notes,
      Optional<String> failure,
      List<String> failedUnits,
      Set<String> handedBack) {}

  private Reconciled reconciles(EventBatch batch, boolean dryRun, Deadline deadline) {
    RunContext context = new RunContext(Mode.RECONCILE, dryRun);
    List<InstanceResult> results = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Optional<String> failure = Optional.empty();
    if (!batch.reconcileRequests().isEmpty()) {
      if (fanOut.handsOut()) {
        failure = handOut(batch, dryRun, notes);
      } else {
        // One run serves every message of the batch that asks for one.
        Reconciler.Result run = reconciler.run(batch.reconcileRequests().get(0), context, deadline);
        results.addAll(run.results());
        failure = run.failure();
        notes.addAll(run.notes());
      }
    }
    ReconcileFanOut.Ran units = fanOut.run(batch.units(), reconciler, context, deadline);
    results.addAll(units.results());
    notes.addAll(units.notes());
    boolean ran = !batch.reconcileRequests().isEmpty() || !batch.units().isEmpty();
    return new Reconciled(
        ran, results, notes, failure, units.failedMessageIds(), units.handedBack());
  }

  /**
   * Hands the batch's reconcile out as units: a schedule's over every account and region served, an
   * address change's over its own account and region only.
   *
   * @return the failure when a unit could not be sent (the requests come back)
   */
  private Optional<String> handOut(EventBatch batch, boolean dryRun, List<String> notes) {
    try {
      boolean whole =
          batch.reconcileRequests().stream()
              .anyMatch(id -> !batch.reconcileWorkplaces().containsKey(id));
      List<Workplace> targets =
          whole ? reconciler.served() : List.copyOf(batch.reconcileWorkplaces().values());
      notes.add(fanOut.handOut(targets, dryRun));
      return Optional.empty();
    } catch (ServiceFailure e) {
      log.error("reconcile could not be handed out", field("error", e.getMessage()));
      return Optional.of("reconcile could not be handed out: " + e.getMessage());
    }
  }

  /**
   * What handling a batch's instances came to: results, events refused as not served, and notes on
   * the alerts about accounts.
   */
  private record Handled(
      List<InstanceResult> results, List<RejectedEvent> refused, List<String> notes) {}

  /**
   * One {@code DescribeInstances} per workplace of the batch. A workplace that cannot be read fails
   * only its own instances (retried), with an alert when it is another than the tool's own: the
   * other workplaces' instances go on.
   */
  private Handled instances(
      EventBatch batch, RunContext context, Deadline deadline, Map<String, String> notices) {
    try {
      table.ensure(context.dryRun());
    } catch (ServiceFailure e) {
      log.error("batch failed", field("error", e.getMessage()));
      List<InstanceResult> failed =
          failed(batch.byInstance().keySet(), batch, e.getMessage(), false);
      return new Handled(
          pipeline.alert(lifecycle.complete(batch.hooks(), failed, context.dryRun()), context),
          List.of(),
          List.of());
    }
    Read read = read(batch);
    List<InstanceResult> results = new ArrayList<>(read.unread());
    if (!read.subjects().isEmpty()) {
      results.addAll(pipeline.run(read.subjects(), context, deadline));
    }
    results = lifecycle.complete(batch.hooks(), results, context.dryRun());
    Pipeline.Alerted alerted = pipeline.alert(results, notices, context);
    results = alerted.results();
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
    return new Handled(results, read.refused(), alerted.notes());
  }

  /**
   * The batch's instances as EC2 shows them: the subjects to handle, the instances of workplaces
   * that could not be read (failed), and the events refused as not served.
   */
  private record Read(
      List<Subject> subjects, List<InstanceResult> unread, List<RejectedEvent> refused) {}

  private Read read(EventBatch batch) {
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
    Map<InstanceId, String> foreign = accounts.notServed(batch, facts, unreadIds);
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
    return new Read(subjects, unread, refused);
  }

  /** From each event's time to Route 53 accepting the request that wrote its instance's records. */
  private List<java.time.Duration> toSubmit(List<InstanceResult> results) {
    List<java.time.Duration> times = new ArrayList<>();
    for (InstanceResult r : results) {
      Optional<java.time.Instant> event = r.trigger().eventTime();
      Optional<java.time.Instant> at = submitted.submittedAt(submitted.changeIds(r.changes()));
      if (event.isPresent() && at.isPresent() && !at.get().isBefore(event.get())) {
        times.add(java.time.Duration.between(event.get(), at.get()));
      }
    }
    return times;
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
