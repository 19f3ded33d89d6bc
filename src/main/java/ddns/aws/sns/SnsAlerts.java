package ddns.aws.sns;

import ddns.alert.Alerts;
import ddns.alert.Digest;
import ddns.aws.AwsCall;
import software.amazon.awssdk.services.sns.SnsClient;

/** {@link Alerts} on SNS: one plain-text message per digest, readable in an e-mail. */
public final class SnsAlerts implements Alerts {
  private final SnsClient sns;

  public SnsAlerts(SnsClient sns) {
    this.sns = sns;
  }

  @Override
  public void publish(String topicArn, Digest digest) {
    AwsCall.run(
        "SNS.Publish",
        () ->
            sns.publish(
                r -> r.topicArn(topicArn).subject(digest.subject()).message(digest.message())));
  }
}
