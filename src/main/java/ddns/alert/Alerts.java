package ddns.alert;

import ddns.failure.ServiceFailure;

/**
 * Operator alerts (SNS). Not idempotent: a replay may alert again, which is acceptable. Failures
 * are thrown as {@link ServiceFailure}.
 */
public interface Alerts {

  /**
   * Publishes one run's digest as one message to the topic: its subject and message, which fit
   * SNS's limits ({@link Digest#MAX_SUBJECT}, {@link Digest#MAX_MESSAGE_BYTES}).
   */
  void publish(String topicArn, Digest digest);
}
