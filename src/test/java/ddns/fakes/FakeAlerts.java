package ddns.fakes;

import ddns.alert.Alert;
import ddns.alert.Alerts;
import ddns.alert.DefaultTopic;
import ddns.facts.InstanceId;
import ddns.run.ApiCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SNS in memory: the messages published, one per instance and call. */
public final class FakeAlerts implements Alerts {
  /** One published message. */
  public record Sent(String topicArn, InstanceId instanceId, List<Alert> alerts) {}

  private final List<Sent> sent = new ArrayList<>();

  @Override
  public void publish(String topicArn, InstanceId instanceId, List<Alert> alerts) {
    sent.add(new Sent(topicArn, instanceId, List.copyOf(alerts)));
  }

  /** One message about a subject that is not an instance. */
  public record Notice(String topicArn, String subject, String message) {}

  private final List<Notice> notices = new ArrayList<>();

  @Override
  public void notify(String topicArn, String subject, String message) {
    notices.add(new Notice(topicArn, subject, message));
  }

  public List<Notice> notices() {
    return List.copyOf(notices);
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
