package ddns.fakes;

import ddns.event.LifecycleHook;
import ddns.facts.InstanceId;
import ddns.lifecycle.LifecycleActions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Lifecycle actions in memory: each token waits until completed once. */
public final class FakeLifecycleActions implements LifecycleActions {
  /** One completion as Auto Scaling received it. */
  public record Completion(InstanceId instance, String token, Result result) {}

  private final Set<String> waiting = new HashSet<>();
  private final List<Completion> completions = new ArrayList<>();
  private int failures;

  /** The next {@code times} calls fail, as after the SDK's retries. */
  public synchronized void fail(int times) {
    failures = times;
  }

  /** Auto Scaling holds an instance with this token. */
  public synchronized void waiting(String token) {
    waiting.add(token);
  }

  @Override
  public synchronized Outcome complete(InstanceId instance, LifecycleHook hook, Result result) {
    if (failures > 0) {
      failures--;
      throw new ddns.failure.ServiceFailure(
          "AutoScaling.CompleteLifecycleAction failed: InternalFailure (HTTP 500)", null);
    }
    if (!waiting.remove(hook.token())) {
      return Outcome.NOT_WAITING;
    }
    completions.add(new Completion(instance, hook.token(), result));
    return Outcome.COMPLETED;
  }

  @Override
  public synchronized Outcome heartbeat(InstanceId instance, LifecycleHook hook) {
    return waiting.contains(hook.token()) ? Outcome.COMPLETED : Outcome.NOT_WAITING;
  }

  public synchronized List<Completion> completions() {
    return List.copyOf(completions);
  }
}
