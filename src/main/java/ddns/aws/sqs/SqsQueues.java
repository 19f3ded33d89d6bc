package ddns.aws.sqs;

import ddns.failure.ServiceFailure;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The stack's queues for the operator: how many messages each holds, and sending the dead letters
 * back to the event queue.
 */
public final class SqsQueues {
  /** Messages received at once, SQS's maximum. */
  private static final int BATCH = 10;

  /** How long a dead letter being sent back stays hidden from another receiver. */
  private static final int HIDE_SECONDS = 60;

  private final SqsClient sqs;

  public SqsQueues(SqsClient sqs) {
    this.sqs = sqs;
  }

  /** What a queue holds: messages waiting, received and not yet deleted (in flight), delayed. */
  public record Depth(long waiting, long inFlight, long delayed) {}

  /**
   * @throws ServiceFailure when SQS cannot be read after the SDK's retries
   */
  public Depth depth(String queueUrl) {
    try {
      Map<QueueAttributeName, String> attributes =
          sqs.getQueueAttributes(
                  r ->
                      r.queueUrl(queueUrl)
                          .attributeNames(
                              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
              .attributes();
      return new Depth(
          count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
          count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
          count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    } catch (SdkException e) {
      throw new ServiceFailure("SQS GetQueueAttributes " + queueUrl, e);
    }
  }

  private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    String value = attributes.get(name);
    return value == null ? 0 : Long.parseLong(value);
  }

  /**
   * Moves up to {@code limit} messages from {@code deadLetters} to {@code target}, each sent before
   * it is deleted: a failure between the two leaves the message in both queues, never in neither
   * (an event handled twice changes nothing the second time; docs/behaviour.md). Stops when the
   * dead-letter queue answers no more messages.
   *
   * @return how many were moved
   * @throws ServiceFailure when SQS refuses after the SDK's retries (the messages moved so far stay
   *     moved)
   */
  public int redrive(String deadLetters, String target, int limit) {
    int moved = 0;
    while (moved < limit) {
      int want = Math.min(BATCH, limit - moved);
      List<Message> messages;
      try {
        messages =
            sqs.receiveMessage(
                    r ->
                        r.queueUrl(deadLetters)
                            .maxNumberOfMessages(want)
                            .visibilityTimeout(HIDE_SECONDS)
                            .waitTimeSeconds(0)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
      } catch (SdkException e) {
        throw new ServiceFailure("SQS ReceiveMessage " + deadLetters, e);
      }
      if (messages.isEmpty()) {
        return moved;
      }
      for (Message message : messages) {
        try {
          sqs.sendMessage(r -> r.queueUrl(target).messageBody(message.body()));
        } catch (SdkException e) {
          throw new ServiceFailure(
              "SQS SendMessage to " + target + " (" + moved + " moved before)", e);
        }
        try {
          sqs.deleteMessage(r -> r.queueUrl(deadLetters).receiptHandle(message.receiptHandle()));
        } catch (SdkException e) {
          throw new ServiceFailure(
              "SQS DeleteMessage "
                  + deadLetters
                  + " (message "
                  + message.messageId()
                  + " sent"
                  + " already; it comes back to the dead-letter queue's readers in "
                  + HIDE_SECONDS
                  + " s)",
              e);
        }
        moved++;
      }
    }
    return moved;
  }
}
