package ddns.fakes;

import ddns.alert.Alerts;
import ddns.alert.DefaultTopic;
import ddns.alert.Digest;
import ddns.failure.ServiceFailure;
import ddns.run.ApiCalls;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SNS in memory: the digests published, one per call. As strict as SNS about a message's limits: a
 * subject over 100 characters, not ASCII or not on one line, or a message over 256 KiB, is refused
 * ({@code InvalidParameter}).
 */
public final class FakeAlerts implements Alerts {
  /** SNS's limits, written out here rather than taken from the code under test. */
  private static final int SNS_MAX_SUBJECT = 100;

  private static final int SNS_MAX_MESSAGE_BYTES = 262_144;

  /** One published message. */
  public record Sent(String topicArn, Digest digest) {}

  private final List<Sent> sent = new ArrayList<>();

  @Override
  public void publish(String topicArn, Digest digest) {
    String subject = digest.subject();
    if (subject.length() > SNS_MAX_SUBJECT
        || !StandardCharsets.US_ASCII.newEncoder().canEncode(subject)
        || subject.chars().anyMatch(Character::isISOControl)) {
      throw new ServiceFailure("SNS.Publish failed: InvalidParameter: Subject: " + subject, null);
    }
    if (digest.message().getBytes(StandardCharsets.UTF_8).length > SNS_MAX_MESSAGE_BYTES) {
      throw new ServiceFailure("SNS.Publish failed: InvalidParameter: Message too long", null);
    }
    sent.add(new Sent(topicArn, digest));
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** The tool's own topic, as STS would give it in the test account. */
  public static DefaultTopic topic(String arn) {
    return () -> arn;
  }

  /** No AWS calls are made in memory; every tally is empty. */
  public static ApiCalls noCalls() {
    return () ->
        new ApiCalls.Tally() {
          @Override
          public Map<String, Integer> snapshot() {
            return Map.of();
          }

          @Override
          public void close() {}
        };
  }
}
