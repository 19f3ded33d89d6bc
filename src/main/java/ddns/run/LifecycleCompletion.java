package ddns.run;

import static ddns.log.JsonLog.field;

import com.fasterxml.jackson.databind.ObjectMapper;
import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.apply.ChangeId;
import ddns.apply.SubmittedChanges;
import ddns.event.FollowUp;
import ddns.event.LifecycleHook;
import ddns.event.LifecycleHook.OnFailure;
import ddns.failure.ServiceFailure;
import ddns.lifecycle.FollowUps;
import ddns.lifecycle.LifecycleActions;
import ddns.lifecycle.LifecycleActions.Outcome;
import ddns.lifecycle.LifecycleActions.Result;
import ddns.log.JsonLog;
import ddns.run.EventBatch.HookAction;
import ddns.run.EventBatch.Recheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last step for instances a lifecycle hook holds (docs/behaviour.md, "Lifecycle hooks"): once
 * the instance is handled, its action is completed.
 *
 * <table>
 *   <caption>What each action gets</caption>
 *   <tr><th>hook</th><th>instance handled</th><th>completed with</th></tr>
 *   <tr><td>launch</td><td>records written, Route 53 serves them ({@code INSYNC})</td>
 *       <td>CONTINUE</td></tr>
 *   <tr><td>launch</td><td>records written, still {@code PENDING}</td><td>not yet: looked at
 *       again by a follow-up message (with a queue), or by handling the event again</td></tr>
 *   <tr><td>launch</td><td>failed</td><td>the hook's {@code ddns:on-failure} (CONTINUE by
 *       default), with an alert; the message comes back to write the records</td></tr>
 *   <tr><td>launch into the warm pool</td><td>any</td><td>CONTINUE at once</td></tr>
 *   <tr><td>termination</td><td>records removed</td><td>CONTINUE</td></tr>
 *   <tr><td>termination</td><td>failed</td><td>not completed: the message comes back</td></tr>
 * </table>
 *
 * A completion that fails fails the instance, so its message comes back; one that finds nothing
 * waiting (a replayed event, a hook that timed out) is a note.
 */
final class LifecycleCompletion {
  /** The wait before the first check; each later one doubles, up to {@link #LONGEST_WAIT}. */
  static final Duration FIRST_WAIT = Duration.ofSeconds(10);

  /** Shorter than the shortest heartbeat timeout worth setting (see the README). */
  static final Duration LONGEST_WAIT = Duration.ofSeconds(120);

  /** About 20 minutes of waiting in all; Route 53 is usually done within a minute. */
  static final int LAST_CHECK = 12;

  private final LifecycleActions actions;
  private final SubmittedChanges submitted;
  private final Optional<FollowUps> followUps;
  private final ObjectMapper json;
  private final java.time.Clock clock;
  private final JsonLog log;

  /**
   * @param followUps the tool's own queue, to look at a pending launch again later; absent: the
   *     launch is checked once, at once, and left waiting when Route 53 is not done
   */
  LifecycleCompletion(
      LifecycleActions actions,
      SubmittedChanges submitted,
      Optional<FollowUps> followUps,
      ObjectMapper json,
      java.time.Clock clock,
      JsonLog log) {
    this.clock = clock;
    this.actions = actions;
    this.submitted = submitted;
    this.followUps = followUps;
    this.json = json;
    this.log = log;
  }

  /** The wait before check {@code check} (from 1). */
  static Duration waitBefore(int check) {
    Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(check - 1, 20));
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }

  /** The results, each with what completing its instance's lifecycle actions did. */
  List<InstanceResult> complete(
      List<HookAction> hooks, List<InstanceResult> results, boolean dryRun) {
    if (hooks.isEmpty()) {
      return results;
    }
    Map<ddns.facts.InstanceId, InstanceResult> byId = new LinkedHashMap<>();
    results.forEach(r -> byId.put(r.id(), r));
    for (HookAction action : hooks) {
      InstanceResult result = byId.get(action.instanceId());
      if (result != null) {
        byId.put(action.instanceId(), complete(action, result, dryRun));
      }
    }
    return List.copyOf(byId.values());
  }

  /**
   * What looking at pending launches again did: notes, the messages to fail, and for each launch
   * let go in sync, the time from its lifecycle event to Route 53's {@code INSYNC} as seen.
   */
  record Rechecked(List<String> notes, List<String> failedMessageIds, List<Duration> timesToDns) {}

  /**
   * Each launch whose changes Route 53 now serves everywhere is completed; one still pending gets a
   * heartbeat and another follow-up, later, until {@link #LAST_CHECK}, when it is let go.
   */
  Rechecked recheck(List<Recheck> rechecks, boolean dryRun) {
    List<String> notes = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    // The follow-ups of one batch's launches share their change requests: one question each.
    Map<ChangeId, Boolean> asked = new java.util.HashMap<>();
    List<Duration> times = new ArrayList<>();
    for (Recheck recheck : rechecks) {
      FollowUp followUp = recheck.followUp();
      String subject = followUp.instanceId().value() + " (" + followUp.hook().describe() + ")";
      try {
        List<ChangeId> pending =
            followUp.changeIds().stream()
                .map(ChangeId::new)
                .filter(id -> !asked.computeIfAbsent(id, submitted::inSync))
                .toList();
        if (dryRun) {
          notes.add("dry run: " + subject + " not looked at again");
        } else if (pending.isEmpty() || followUp.check() >= LAST_CHECK) {
          Outcome outcome =
              actions.complete(followUp.instanceId(), followUp.hook(), Result.CONTINUE);
          Optional<Duration> toDns =
              pending.isEmpty()
                  ? followUp.heldSince().map(t -> Duration.between(t, clock.instant()))
                  : Optional.empty();
          toDns.ifPresent(times::add);
          notes.add(
              completedNote(subject, pending, outcome, followUp.check())
                  + toDns.map(d -> ", " + d.toMillis() / 1000.0 + " s after its event").orElse(""));
          logCompleted(followUp, outcome, pending);
        } else if (actions.heartbeat(followUp.instanceId(), followUp.hook())
            == Outcome.NOT_WAITING) {
          notes.add(subject + " no longer waits (completed before, or timed out)");
        } else {
          FollowUp next = followUp.next();
          followUps.orElseThrow().send(next.toEvent(json), waitBefore(next.check()));
          notes.add(
              subject
                  + ": Route 53 has not yet applied "
                  + pending
                  + " everywhere (PENDING); looked at again in "
                  + waitBefore(next.check()).toSeconds()
                  + " s");
        }
      } catch (ServiceFailure e) {
        log.error(
            "lifecycle follow-up failed",
            field("instanceId", followUp.instanceId().value()),
            field("error", e.getMessage()));
        notes.add(subject + ": " + e.getMessage());
        failed.add(recheck.messageId());
      }
    }
    return new Rechecked(notes, failed, times);
  }

  private InstanceResult complete(HookAction action, InstanceResult result, boolean dryRun) {
    LifecycleHook hook = action.hook();
    List<Alert> alerts = new ArrayList<>();
    Optional<Result> choice = choose(action, result, alerts);
    if (choice.isEmpty()) {
      return result.withNotes(
          List.of(
              "its records could not be removed: "
                  + hook.describe()
                  + " keeps it in Terminating:Wait until the message, retried, removes them"));
    }
    if (dryRun) {
      return result
          .withAlerts(alerts)
          .withNotes(
              List.of("dry run: " + hook.describe() + " would be completed with " + choice.get()));
    }
    try {
      if (waitsForRoute53(action, result, choice.get())) {
        return waitForRoute53(action, result);
      }
      Outcome outcome = actions.complete(action.instanceId(), hook, choice.get());
      log.info(
          "lifecycle action completed",
          field("eventId", action.eventId()),
          field("instanceId", action.instanceId().value()),
          field("hook", hook.hook()),
          field("group", hook.group()),
          field("result", choice.get().toString()),
          field("outcome", outcome.toString()));
      String note =
          outcome == Outcome.COMPLETED
              ? hook.describe() + " completed with " + choice.get()
              : hook.describe()
                  + " no longer waits (completed before, or timed out): nothing to complete";
      // An action no longer waiting was let go earlier: what this attempt would have done is moot.
      List<Alert> sent =
          outcome == Outcome.COMPLETED
              ? alerts
              : alerts.stream()
                  .filter(a -> a.kind() != AlertKind.LIFECYCLE_RECORDS_FAILED)
                  .toList();
      return result.withAlerts(sent).withNotes(List.of(note));
    } catch (ServiceFailure e) {
      log.error(
          "lifecycle action could not be completed",
          field("instanceId", action.instanceId().value()),
          field("error", e.getMessage()));
      return result.withAlerts(alerts).failedWith(e.getMessage());
    }
  }

  /** A launch that wrote records now, into the group: CONTINUE waits until Route 53 serves them. */
  private boolean waitsForRoute53(HookAction action, InstanceResult result, Result choice) {
    return choice == Result.CONTINUE
        && !recordsMissing(result)
        && action.hook().transition() == LifecycleHook.Transition.LAUNCHING
        && !action.hook().intoWarmPool()
        && !submitted.changeIds(result.changes()).isEmpty();
  }

  /**
   * With a queue, the first check is a follow-up message, later (Route 53 is rarely done at once,
   * so asking now would only spend its budget); without one, Route 53 is asked now, and a launch
   * still pending is left waiting, to be completed by handling the event again.
   */
  private InstanceResult waitForRoute53(HookAction action, InstanceResult result) {
    Set<ChangeId> ids = submitted.changeIds(result.changes());
    LifecycleHook hook = action.hook();
    if (followUps.isPresent()) {
      FollowUp first =
          new FollowUp(
              action.instanceId(),
              hook,
              ids.stream().map(ChangeId::value).toList(),
              1,
              action.heldSince(),
              action.account(),
              action.region());
      followUps.get().send(first.toEvent(json), waitBefore(1));
      return result.withNotes(
          List.of(
              hook.describe()
                  + " waits until Route 53 serves "
                  + ids
                  + " everywhere: looked at again in "
                  + waitBefore(1).toSeconds()
                  + " s"));
    }
    List<ChangeId> pending = pending(List.copyOf(ids));
    if (pending.isEmpty()) {
      Outcome outcome = actions.complete(action.instanceId(), hook, Result.CONTINUE);
      return result.withNotes(List.of(completedNote(hook.describe(), pending, outcome, 1)));
    }
    return result.withNotes(
        List.of(
            "Route 53 has not yet applied "
                + pending
                + " everywhere (PENDING): "
                + hook.describe()
                + " still waits; handle the event again to complete it"));
  }

  private List<ChangeId> pending(List<ChangeId> ids) {
    return ids.stream().filter(id -> !submitted.inSync(id)).toList();
  }

  private static String completedNote(
      String subject, List<ChangeId> pending, Outcome outcome, int check) {
    if (outcome == Outcome.NOT_WAITING) {
      return subject + " no longer waits (completed before, or timed out): nothing to complete";
    }
    if (!pending.isEmpty()) {
      return subject
          + " completed with CONTINUE although Route 53 had not applied "
          + pending
          + " everywhere after "
          + check
          + " checks";
    }
    return subject + " completed with CONTINUE: Route 53 serves its records (INSYNC)";
  }

  private void logCompleted(FollowUp followUp, Outcome outcome, List<ChangeId> pending) {
    if (!pending.isEmpty()) {
      log.error(
          "lifecycle action let go before Route 53 was in sync",
          field("instanceId", followUp.instanceId().value()),
          field("pending", pending.toString()),
          field("checks", followUp.check()));
      return;
    }
    log.info(
        "lifecycle action completed",
        field("instanceId", followUp.instanceId().value()),
        field("hook", followUp.hook().hook()),
        field("group", followUp.hook().group()),
        field("result", "CONTINUE"),
        field("outcome", outcome.toString()),
        field("checks", followUp.check()));
  }

  /**
   * The result to complete with, and the alerts that go with it; empty when the action is to wait
   * (a termination whose records are still there).
   */
  /**
   * A launch's records are missing when its handling failed, or when Route 53 refused some of them
   * (a refusal does not fail the message: sent again, it would be refused again).
   */
  private static boolean recordsMissing(InstanceResult result) {
    return result.failed() || !refusals(result).isEmpty();
  }

  private static String refusals(InstanceResult result) {
    return result.alerts().stream()
        .filter(a -> a.kind() == AlertKind.RECORD_REFUSED)
        .map(Alert::message)
        .collect(java.util.stream.Collectors.joining("; "));
  }

  private static Optional<Result> choose(
      HookAction action, InstanceResult result, List<Alert> alerts) {
    LifecycleHook hook = action.hook();
    if (hook.transition() == LifecycleHook.Transition.TERMINATING) {
      return result.failed() ? Optional.empty() : Optional.of(Result.CONTINUE);
    }
    if (hook.intoWarmPool() || !recordsMissing(result)) {
      return Optional.of(Result.CONTINUE);
    }
    Optional<OnFailure> asked = hook.onFailure();
    if (asked.isEmpty()) {
      alerts.add(
          new Alert(
              action.instanceId(),
              AlertKind.INVALID_HOOK_METADATA,
              hook.describe()
                  + ": NotificationMetadata "
                  + ddns.dns.Quoted.of(hook.metadata())
                  + " names an on-failure choice other than ddns:on-failure=continue or"
                  + " ddns:on-failure=abandon; continuing"));
    }
    Result chosen =
        asked.orElse(OnFailure.CONTINUE) == OnFailure.ABANDON ? Result.ABANDON : Result.CONTINUE;
    alerts.add(
        new Alert(
            action.instanceId(),
            AlertKind.LIFECYCLE_RECORDS_FAILED,
            "its records could not be written ("
                + result.error().orElseGet(() -> refusals(result))
                + "); "
                + hook.describe()
                + " completed with "
                + chosen
                + (chosen == Result.ABANDON
                    ? ": Auto Scaling replaces the instance"
                    : ": the instance goes into service, and the records are tried again")));
    return Optional.of(chosen);
  }
}
