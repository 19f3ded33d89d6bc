package ddns.aws.autoscaling;

import ddns.aws.AwsCall;
import ddns.event.LifecycleHook;
import ddns.facts.InstanceId;
import ddns.facts.Workplace;
import ddns.failure.ServiceFailure;
import ddns.lifecycle.LifecycleActions;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/**
 * {@link LifecycleActions} over Auto Scaling's query API, in the workplace the instance's id names
 * (the tool's own when it names none; another account's through its member role).
 */
public final class AutoScalingLifecycleActions implements LifecycleActions {
  /**
   * Auto Scaling's answer to a token no action waits with any more (completed already, or timed
   * out): {@code ValidationError}, "No active Lifecycle Action found with token …".
   */
  private static final String NOT_WAITING = "No active Lifecycle Action found";

  private final Function<Workplace, AutoScalingClient> autoScaling;
  private final Supplier<Workplace> home;

  /**
   * @param autoScaling the Auto Scaling client of a workplace
   * @param home the tool's own workplace
   */
  public AutoScalingLifecycleActions(
      Function<Workplace, AutoScalingClient> autoScaling, Supplier<Workplace> home) {
    this.autoScaling = autoScaling;
    this.home = home;
  }

  @Override
  public Outcome complete(InstanceId instance, LifecycleHook hook, Result result) {
    AutoScalingClient client = autoScaling.apply(instance.workplaceIn(home.get()));
    return call(
        "AutoScaling.CompleteLifecycleAction",
        () ->
            client.completeLifecycleAction(
                r ->
                    r.autoScalingGroupName(hook.group())
                        .lifecycleHookName(hook.hook())
                        .lifecycleActionToken(hook.token())
                        .instanceId(instance.ec2Id())
                        .lifecycleActionResult(result.name())));
  }

  @Override
  public Outcome heartbeat(InstanceId instance, LifecycleHook hook) {
    AutoScalingClient client = autoScaling.apply(instance.workplaceIn(home.get()));
    return call(
        "AutoScaling.RecordLifecycleActionHeartbeat",
        () ->
            client.recordLifecycleActionHeartbeat(
                r ->
                    r.autoScalingGroupName(hook.group())
                        .lifecycleHookName(hook.hook())
                        .lifecycleActionToken(hook.token())
                        .instanceId(instance.ec2Id())));
  }

  /** A call on one action: done, or no action waits with the token any more. */
  private static Outcome call(String operation, java.util.function.Supplier<?> call) {
    try {
      AwsCall.run(operation, call);
      return Outcome.COMPLETED;
    } catch (ServiceFailure e) {
      if (e.getCause() instanceof AwsServiceException refused
          && refused.awsErrorDetails() != null
          && "ValidationError".equals(refused.awsErrorDetails().errorCode())
          && String.valueOf(refused.awsErrorDetails().errorMessage()).startsWith(NOT_WAITING)) {
        return Outcome.NOT_WAITING;
      }
      throw e;
    }
  }
}
