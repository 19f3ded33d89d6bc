package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.apply.Applied;
import ddns.apply.BatchApplier;
import ddns.apply.Deadline;
import ddns.facts.BatchFacts;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.facts.InstanceState;
import ddns.failure.ServiceFailure;
import ddns.job.RunContext;
import ddns.log.JsonLog;
import ddns.plan.Action;
import ddns.plan.ChangeAction;
import ddns.plan.InstanceDecider;
import ddns.plan.Intent;
import ddns.run.Pipeline.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * After a batch is applied, the instances whose state may have turned meanwhile are read from EC2
 * once more (one {@code DescribeInstances} per 200 of a workplace), planned from a fresh facts
 * value and applied again at once, so DNS ends as EC2 does. A failure of that read leaves the
 * repair of that workplace's instances to the next event or reconcile.
 */
final class Rechecks {
  private final InstanceSource ec2;
  private final FactsStage facts;
  private final InstanceDecider decider;
  private final BatchApplier applier;
  private final JsonLog log;

  Rechecks(
      InstanceSource ec2,
      FactsStage facts,
      InstanceDecider decider,
      BatchApplier applier,
      JsonLog log) {
    this.ec2 = ec2;
    this.facts = facts;
    this.decider = decider;
    this.applier = applier;
    this.log = log;
  }

  /** The decisions, those decided anew replaced, and what each instance's applications did. */
  record Rechecked(List<Decision> decisions, Map<InstanceId, Applied> applied) {
    Rechecked {
      decisions = List.copyOf(decisions);
      applied = Map.copyOf(applied);
    }
  }

  /**
   * A deregistration whose deletions reached Route 53: an instance started again meanwhile had its
   * running event handled while the records were still there, so that event changed nothing; the
   * late deletion then removed them. It is registered again.
   */
  private static final Recheck STARTED_AGAIN =
      new Recheck(
          Action.DEREGISTER,
          ChangeAction.DELETE,
          InstanceState::registers,
          "instances started again while their stop was applied",
          "the instance was started again while its stop was applied; registered again");

  /**
   * A reconcile plans from one listing of EC2; an instance that stopped after it was listed had its
   * stop event handled before the reconcile wrote its records back. It is deregistered at once: its
   * records, its place in a pool and its host name go.
   */
  private static final Recheck STOPPED_MEANWHILE =
      new Recheck(
          Action.REGISTER,
          ChangeAction.UPSERT,
          state -> !state.registers(),
          "instances stopped while the reconcile registered them",
          "the instance stopped while the reconcile registered it; its records were removed"
              + " again");

  /** Every deregistration that deleted records; in a reconcile, every registration that wrote. */
  Rechecked after(
      List<Decision> decisions,
      Map<InstanceId, Applied> applied,
      RunContext context,
      Deadline deadline) {
    Rechecked out = checked(new Rechecked(decisions, applied), STARTED_AGAIN, context, deadline);
    return context.fromListing() ? checked(out, STOPPED_MEANWHILE, context, deadline) : out;
  }

  /**
   * Which applied decisions to check against EC2 again, and what makes one be decided anew.
   *
   * @param action the decisions looked at
   * @param wrote the kind of change that makes one worth checking
   * @param turned EC2's state now that calls for deciding again
   */
  private record Recheck(
      Action action,
      ChangeAction wrote,
      Predicate<InstanceState> turned,
      String logMessage,
      String note) {}

  private Rechecked checked(
      Rechecked before, Recheck recheck, RunContext context, Deadline deadline) {
    Set<InstanceId> wrote = new TreeSet<>();
    for (Decision d : before.decisions()) {
      Applied a = before.applied().get(d.id());
      // A termination hook deregisters an instance EC2 still shows running: not a restart.
      if (d.action() == recheck.action()
          && d.trigger().cause() != Trigger.Cause.TERMINATE_HOOK
          && a != null
          && a.changes().stream().anyMatch(c -> c.action() == recheck.wrote())) {
        wrote.add(d.id());
      }
    }
    if (wrote.isEmpty() || deadline.passed()) {
      return before;
    }
    Map<InstanceId, InstanceFacts> now = read(wrote);
    List<Subject> turned = new ArrayList<>();
    for (Decision d : before.decisions()) {
      InstanceFacts f = now.get(d.id());
      if (f != null && recheck.turned().test(f.state())) {
        turned.add(new Subject(d.id(), d.trigger(), Optional.of(f)));
      }
    }
    if (turned.isEmpty()) {
      return before;
    }
    log.warn(recheck.logMessage(), field("instances", turned.size()));
    BatchFacts fresh = facts.gather(turned);
    Map<InstanceId, Decision> again = new TreeMap<>();
    turned.forEach(
        s ->
            again.put(
                s.id(),
                Decision.of(
                        s.id(),
                        s.trigger(),
                        s.facts(),
                        decider.decide(s.id(), s.trigger().occasion(), fresh))
                    .withNote(recheck.note())));
    List<Intent> intents = again.values().stream().flatMap(d -> d.intent().stream()).toList();
    Map<InstanceId, Applied> applied = new TreeMap<>(before.applied());
    applier
        .apply(intents, Optional.empty(), context, deadline)
        .forEach((id, second) -> applied.merge(id, second, Applied::then));
    return new Rechecked(
        before.decisions().stream().map(d -> again.getOrDefault(d.id(), d)).toList(), applied);
  }

  /** EC2's state now, per workplace; one that cannot be read is left to the next event. */
  private Map<InstanceId, InstanceFacts> read(Set<InstanceId> ids) {
    Map<InstanceId, InstanceFacts> now = new TreeMap<>();
    InstanceId.byWorkplace(ids)
        .forEach(
            (where, some) -> {
              try {
                now.putAll(ec2.describe(some));
              } catch (ServiceFailure e) {
                log.warn(
                    "could not check the instances against EC2 again",
                    field("error", e.getMessage()));
              }
            });
    return now;
  }
}
