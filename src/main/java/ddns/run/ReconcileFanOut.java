package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.config.Reach;
import ddns.event.InboundEvent.ReconcileUnit;
import ddns.facts.Workplace;
import ddns.lifecycle.FollowUps;
import ddns.log.JsonLog;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A reconcile over several accounts and regions is handed out as one unit of work per account and
 * region, each a message on the tool's own queue (docs/behaviour.md, "Reconcile"): the queue's
 * concurrency runs them side by side, each invocation within its own time budget, and a unit that
 * fails comes back alone. Without a queue (the command line), or serving only its own account and
 * region, the run stays whole.
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
}
