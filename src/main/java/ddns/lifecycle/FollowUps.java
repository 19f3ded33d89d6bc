package ddns.lifecycle;

import ddns.failure.ServiceFailure;
import java.time.Duration;

/**
 * The tool's own queue, to look at a launch again later without waiting in the function: a
 * follow-up message, delivered after a delay among the queue's other events. What still fails after
 * the SDK's retries is thrown as {@link ServiceFailure}.
 */
public interface FollowUps {
  /** SQS delays a message 15 minutes at most. */
  Duration LONGEST_DELAY = Duration.ofMinutes(15);

  /** Sends the message body (an event the decoder reads) to be delivered after the delay. */
  void send(String body, Duration delay);
}
