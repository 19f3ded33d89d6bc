package ddns.lifecycle;

import ddns.event.LifecycleHook;
import ddns.facts.InstanceId;
import ddns.failure.ServiceFailure;

/**
 * Auto Scaling's lifecycle actions, in the account and region of the instance (its id names them
 * when it is not the tool's own). Throttling and 5xx are retried inside; what still fails is thrown
 * as {@link ServiceFailure}.
 */
public interface LifecycleActions {

  /** How an action is completed: the instance goes on, or Auto Scaling replaces it. */
  enum Result {
    CONTINUE,
    ABANDON
  }

  /** What completing did. */
  enum Outcome {
    /** The action was waiting, and is completed now. */
    COMPLETED,
    /**
     * No action with that token waits any more: completed before (a replayed event), or timed out
     * and taken its default result. Nothing is left to do.
     */
    NOT_WAITING
  }

  /**
   * Completes the action (Auto Scaling's {@code CompleteLifecycleAction} with the token, the group
   * and the hook names). Idempotent in effect: a second call finds nothing waiting.
   */
  Outcome complete(InstanceId instance, LifecycleHook hook, Result result);

  /**
   * Restarts the hook's heartbeat timeout while the tool still waits for Route 53 ({@code
   * RecordLifecycleActionHeartbeat}).
   *
   * @return {@link Outcome#COMPLETED} when the action still waits, {@link Outcome#NOT_WAITING} when
   *     no action waits with the token any more
   */
  Outcome heartbeat(InstanceId instance, LifecycleHook hook);
}
