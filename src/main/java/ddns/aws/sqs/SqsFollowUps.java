package ddns.aws.sqs;

import ddns.aws.AwsCall;
import ddns.lifecycle.FollowUps;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link FollowUps} on the tool's own queue: {@code SendMessage} with {@code DelaySeconds}. */
public final class SqsFollowUps implements FollowUps {
  private final Supplier<SqsClient> sqs;
  private final String queueUrl;

  /**
   * @param sqs the client, built on first use (only a launch held by a hook sends a follow-up)
   */
  public SqsFollowUps(Supplier<SqsClient> sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void send(String body, Duration delay) {
    int seconds = (int) Math.min(Math.max(delay.toSeconds(), 0), LONGEST_DELAY.toSeconds());
    AwsCall.run(
        "SQS.SendMessage",
        () ->
            sqs.get()
                .sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).delaySeconds(seconds)));
  }
}
