package ddns.faults;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Auto Scaling's lifecycle actions, which the emulator does not implement ({@code
 * CompleteLifecycleAction}, {@code RecordLifecycleActionHeartbeat}): the test, playing Auto
 * Scaling, opens an action when it moves an instance to a wait state; the code under test completes
 * it over the query protocol, and gets Auto Scaling's XML answers. An action is completed once: a
 * token no action waits with any more (completed, or never opened) is refused as Auto Scaling
 * refuses it, {@code ValidationError} "No active Lifecycle Action found with token …" (HTTP 400);
 * so is a result other than {@code CONTINUE} or {@code ABANDON}.
 */
public final class LifecycleActionsEmulation {
  private static final String NAMESPACE = "http://autoscaling.amazonaws.com/doc/2011-01-01/";

  /** An action Auto Scaling holds an instance for. */
  public record Action(String token, String group, String hook, String instanceId) {}

  /**
   * A completion as Auto Scaling received it; {@code order} counts every call the proxy saw, {@code
   * nanos} is {@link System#nanoTime} when it came.
   */
  public record Completion(Action action, String result, int order, long nanos) {}

  private final Map<String, Action> waiting = new LinkedHashMap<>();
  private final List<Completion> completions = new ArrayList<>();
  private final Map<String, Integer> heartbeats = new LinkedHashMap<>();
  private int refused;

  LifecycleActionsEmulation() {}

  /** Auto Scaling moves the instance to {@code Pending:Wait} or {@code Terminating:Wait}. */
  public synchronized void open(String token, String group, String hook, String instanceId) {
    waiting.put(token, new Action(token, group, hook, instanceId));
  }

  public synchronized List<Completion> completions() {
    return List.copyOf(completions);
  }

  /** Heartbeats recorded per token. */
  public synchronized Map<String, Integer> heartbeats() {
    return Map.copyOf(heartbeats);
  }

  /** Calls refused as naming no waiting action (a second completion, say). */
  public synchronized int refused() {
    return refused;
  }

  /** Whether an action still waits with the token. */
  public synchronized boolean waits(String token) {
    return waiting.containsKey(token);
  }

  /** The answer to an Auto Scaling call this emulates; empty for any other call. */
  synchronized Optional<AwsErrors.Response> answer(FaultProxy.Call call, int order) {
    if (!call.service().equals("autoscaling")) {
      return Optional.empty();
    }
    boolean complete = call.operation().equals("CompleteLifecycleAction");
    if (!complete && !call.operation().equals("RecordLifecycleActionHeartbeat")) {
      return Optional.empty();
    }
    Map<String, String> form = form(call.body());
    String token = form.getOrDefault("LifecycleActionToken", "");
    Optional<Action> found =
        waiting.values().stream()
            .filter(
                a ->
                    token.isEmpty()
                        ? a.instanceId().equals(form.get("InstanceId"))
                        : a.token().equals(token))
            .filter(a -> a.group().equals(form.get("AutoScalingGroupName")))
            .filter(a -> a.hook().equals(form.get("LifecycleHookName")))
            .findFirst();
    if (found.isEmpty()) {
      refused++;
      return Optional.of(
          AwsErrors.errorResponse(
              400,
              NAMESPACE,
              "ValidationError",
              "No active Lifecycle Action found with token " + token));
    }
    if (!complete) {
      heartbeats.merge(found.get().token(), 1, Integer::sum);
      return Optional.of(ok("RecordLifecycleActionHeartbeat"));
    }
    String result = form.getOrDefault("LifecycleActionResult", "");
    if (!result.equals("CONTINUE") && !result.equals("ABANDON")) {
      return Optional.of(
          AwsErrors.errorResponse(
              400,
              NAMESPACE,
              "ValidationError",
              "Valid values for LifecycleActionResult are CONTINUE and ABANDON, was " + result));
    }
    waiting.remove(found.get().token());
    completions.add(new Completion(found.get(), result, order, System.nanoTime()));
    return Optional.of(ok("CompleteLifecycleAction"));
  }

  private static AwsErrors.Response ok(String operation) {
    return new AwsErrors.Response(
        200,
        "text/xml",
        "<?xml version=\"1.0\"?>\n<"
            + operation
            + "Response xmlns=\""
            + NAMESPACE
            + "\"><"
            + operation
            + "Result/><ResponseMetadata><RequestId>"
            + UUID.randomUUID()
            + "</RequestId></ResponseMetadata></"
            + operation
            + "Response>");
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }
}
