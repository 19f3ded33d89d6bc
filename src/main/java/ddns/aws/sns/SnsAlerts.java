package ddns.aws.sns;

import ddns.alert.Alert;
import ddns.alert.Alerts;
import ddns.aws.AwsCall;
import ddns.facts.InstanceId;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sns.SnsClient;

/** {@link Alerts} on SNS: one plain-text message per instance, readable in an e-mail. */
public final class SnsAlerts implements Alerts {
  /** SNS rejects longer subjects. */
  private static final int MAX_SUBJECT = 100;

  private final SnsClient sns;

  public SnsAlerts(SnsClient sns) {
    this.sns = sns;
  }

  @Override
  public void publish(String topicArn, InstanceId instanceId, List<Alert> alerts) {
    String subject = "route53-ddns: " + alerts.size() + " alert(s) for " + instanceId;
    String message =
        "Instance "
            + instanceId
            + " did not get every DNS record it asked for:\n"
            + alerts.stream()
                .map(a -> "- " + a.kind() + ": " + a.message())
                .collect(Collectors.joining("\n"));
    send(topicArn, subject, message);
  }

  @Override
  public void notify(String topicArn, String subject, String message) {
    send(topicArn, "route53-ddns: " + subject, message);
  }

  private void send(String topicArn, String subject, String message) {
    AwsCall.run(
        "SNS.Publish",
        () ->
            sns.publish(
                r ->
                    r.topicArn(topicArn)
                        .subject(
                            subject.length() > MAX_SUBJECT
                                ? subject.substring(0, MAX_SUBJECT)
                                : subject)
                        .message(message)));
  }
}
