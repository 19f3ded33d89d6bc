package ddns.alert;

import ddns.facts.InstanceId;
import ddns.failure.ServiceFailure;
import java.util.List;

/**
 * Operator alerts (SNS). Not idempotent: a replay may alert again, which is acceptable. Failures
 * are thrown as {@link ServiceFailure}.
 */
public interface Alerts {

  /** Publishes the alerts of one instance as one message to the topic. */
  void publish(String topicArn, InstanceId instanceId, List<Alert> alerts);

  /**
   * Publishes one message about something that is not an instance, such as a workplace the tool
   * cannot reach.
   */
  void notify(String topicArn, String subject, String message);
}
