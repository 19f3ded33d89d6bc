package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.apply.Deadline;
import ddns.config.Reach;
import ddns.event.InboundEvent.ReconcileUnit;
import ddns.facts.Workplace;
import ddns.failure.ServiceFailure;
import ddns.job.RunContext;
import ddns.lifecycle.FollowUps;
import ddns.log.JsonLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reconcile over several accounts and regions is handed out as one unit of work per account and
 * region, each a message on the tool's own queue (docs/behaviour.md, "Reconcile"): the queue's
 * concurrency runs them side by side, each invocation within its own time budget, and a unit that
 * fails comes back alone, and units an invocation has no time left for are handed back to the queue
 * ({@link #run}). Without a queue (the command line), or serving only its own account and region,
 * the run stays whole.
 */
final class ReconcileFanOut {
  private final Optional<FollowUps> queue;
  private final Reach reach;
  private final JsonLog log;

  ReconcileFanOut(Optional<FollowUps> queue, Reach reach, JsonLog log) {
    this.queue = queue;
    this.reach = reach;
    this.log = log;
  }

  /** Whether a reconcile is handed out rather than run here. */
  boolean handsOut() {
    return queue.isPresent() && reach.beyondOwn();
  }

  /**
   * Sends one unit per workplace (none in a dry run).
   *
   * @return the note saying what was handed out
   * @throws ddns.failure.ServiceFailure when a unit could not be sent: the request fails and comes
   *     back, and the units sent before it run twice, which changes nothing the second time
   */
  String handOut(Collection<Workplace> workplaces, boolean dryRun) {
    List<Workplace> targets = workplaces.stream().distinct().toList();
    if (!dryRun) {
      for (Workplace w : targets) {
        queue.orElseThrow().send(ReconcileUnit.toEvent(w.account(), w.region()), Duration.ZERO);
      }
    }
    log.info("reconcile handed out", field("units", targets.size()), field("dryRun", dryRun));
    return (dryRun ? "dry run: would hand out " : "reconcile handed out as ")
        + targets.size()
        + " units of work, one per account and region, on the tool's queue";
  }

  /**
   * What running a batch's units came to: their instances' results and notes, the messages that
   * fail (and come back), and those handed back as new messages (done, as far as the queue goes).
   */
  record Ran(
      List<InstanceResult> results,
      List<String> notes,
      List<String> failedMessageIds,
      Set<String> handedBack) {}

  /**
   * Runs each unit (a reconcile of its account and region) within the invocation's time budget. A
   * unit that fails fails its message, which comes back after the queue's visibility timeout. A
   * unit the invocation had no time left for (not started before the deadline, or cut short by it)
   * is handed back instead: sent to the queue again as a new message, which the next free
   * invocation takes at once; when it cannot be sent (or in a dry run, which sends nothing) it
   * fails.
   */
  Ran run(List<ReconcileUnit> units, Reconciler reconciler, RunContext context, Deadline deadline) {
    boolean dryRun = context.dryRun();
    List<InstanceResult> results = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<ReconcileUnit> outOfTime = new ArrayList<>();
    for (ReconcileUnit unit : units) {
      if (deadline.passed()) {
        outOfTime.add(unit);
        continue;
      }
      Reconciler.Result run =
          reconciler.run(
              unit.messageId(),
              context,
              new Scope(Optional.of(unit.account()), Optional.of(unit.region())),
              deadline);
      results.addAll(run.results());
      notes.addAll(run.notes());
      boolean broken = run.failure().isPresent() || !run.unreachable().isEmpty();
      if ((broken || run.results().stream().anyMatch(InstanceResult::failed))
          && deadline.passed()) {
        outOfTime.add(unit);
      } else if (broken) {
        failed.add(unit.messageId());
      }
    }
    Set<String> handedBack = new TreeSet<>();
    if (!outOfTime.isEmpty()) {
      List<String> unsent = handBack(outOfTime, dryRun);
      failed.addAll(unsent);
      outOfTime.stream()
          .map(ReconcileUnit::messageId)
          .filter(id -> !unsent.contains(id))
          .forEach(handedBack::add);
      notes.add(
          "out of time for "
              + outOfTime.size()
              + " units of work: "
              + handedBack.size()
              + " handed back to the tool's queue as new messages"
              + (unsent.isEmpty() ? "" : ", " + unsent.size() + " failed (they come back)"));
    }
    return new Ran(results, notes, failed, handedBack);
  }

  /** Sends the units to the queue again; the message ids of those that could not be sent. */
  private List<String> handBack(List<ReconcileUnit> units, boolean dryRun) {
    List<String> unsent = new ArrayList<>();
    for (ReconcileUnit unit : units) {
      if (dryRun || queue.isEmpty()) {
        unsent.add(unit.messageId());
        continue;
      }
      try {
        queue.get().send(ReconcileUnit.toEvent(unit.account(), unit.region()), Duration.ZERO);
      } catch (ServiceFailure e) {
        log.warn(
            "reconcile unit could not be handed back",
            field("messageId", unit.messageId()),
            field("error", e.getMessage()));
        unsent.add(unit.messageId());
      }
    }
    log.info(
        "reconcile units handed back",
        field("units", units.size() - unsent.size()),
        field("failed", unsent.size()));
    return unsent;
  }
}
