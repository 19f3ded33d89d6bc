package ddns.alert;

import ddns.failure.ServiceFailure;

/**
 * Where alerts go when {@code DDNS_ALERT_TOPIC_ARN} is not set: the {@code DDNSAlerts} topic of the
 * account and region the tool itself runs in, as its credentials say. Never built from an event's
 * fields, which any sender can write.
 */
public interface DefaultTopic {

  /**
   * The topic's ARN; asks AWS once, then remembers.
   *
   * @throws ServiceFailure when the account cannot be read
   */
  String arn();
}
