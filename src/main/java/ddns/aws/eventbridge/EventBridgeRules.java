package ddns.aws.eventbridge;

import ddns.failure.ServiceFailure;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/** Rules on the default event bus, by name: whether each is on, and switching one off. */
public final class EventBridgeRules {
  private final EventBridgeClient events;

  public EventBridgeRules(EventBridgeClient events) {
    this.events = events;
  }

  /**
   * Whether the rule is enabled; false when it is disabled or gone.
   *
   * @throws ServiceFailure when EventBridge cannot be read after the SDK's retries
   */
  public boolean enabled(String rule) {
    try {
      return "ENABLED".equals(events.describeRule(r -> r.name(rule)).stateAsString());
    } catch (ResourceNotFoundException e) {
      return false;
    } catch (SdkException e) {
      throw new ServiceFailure("EventBridge DescribeRule " + rule, e);
    }
  }

  /**
   * Switches the rule off (DisableRule); idempotent, and a rule already gone counts as off.
   *
   * @throws ServiceFailure when EventBridge refuses after the SDK's retries
   */
  public void disable(String rule) {
    try {
      events.disableRule(r -> r.name(rule));
    } catch (ResourceNotFoundException e) {
      // gone with its stack: nothing left to switch off
    } catch (SdkException e) {
      throw new ServiceFailure("EventBridge DisableRule " + rule, e);
    }
  }
}
