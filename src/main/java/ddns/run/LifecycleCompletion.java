package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.event.LifecycleHook;
import ddns.event.LifecycleHook.OnFailure;
import ddns.failure.ServiceFailure;
import ddns.lifecycle.LifecycleActions;
import ddns.lifecycle.LifecycleActions.Outcome;
import ddns.lifecycle.LifecycleActions.Result;
import ddns.log.JsonLog;
import ddns.run.EventBatch.HookAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last step for instances a lifecycle hook holds (docs/behaviour.md, "Lifecycle hooks"): once
 * the instance is handled, its action is completed.
 *
 * <table>
 *   <caption>What each action gets</caption>
 *   <tr><th>hook</th><th>instance handled</th><th>completed with</th></tr>
 *   <tr><td>launch</td><td>records written</td><td>CONTINUE</td></tr>
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
  private final LifecycleActions actions;
  private final JsonLog log;

  LifecycleCompletion(LifecycleActions actions, JsonLog log) {
    this.actions = actions;
    this.log = log;
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

  /**
   * The result to complete with, and the alerts that go with it; empty when the action is to wait
   * (a termination whose records are still there).
   */
  private static Optional<Result> choose(
      HookAction action, InstanceResult result, List<Alert> alerts) {
    LifecycleHook hook = action.hook();
    if (hook.transition() == LifecycleHook.Transition.TERMINATING) {
      return result.failed() ? Optional.empty() : Optional.of(Result.CONTINUE);
    }
    if (hook.intoWarmPool() || !result.failed()) {
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
                + result.error().orElse("unknown")
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
