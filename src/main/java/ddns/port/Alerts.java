package ddns.port;

import ddns.model.Alert;
import java.util.List;

/** Operator alerts (SNS). Not idempotent: a replay may alert again, which is acceptable. */
public interface Alerts {

  /** Publishes the alerts of one instance as one message to the topic. */
  void publish(String topicArn, String instanceId, List<Alert> alerts);
}
