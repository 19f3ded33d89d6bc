package ddns.event;

import java.util.Objects;

/** One event from EventBridge, decoded, or the reason it could not be. */
public sealed interface InboundEvent {

  /** The SQS message id, or the EventBridge event id for a direct invocation. */
  String messageId();

  /** An EC2 instance changed state. {@code state} is EC2's spelling, validated. */
  record StateChange(
      String messageId,
      String eventId,
      String instanceId,
      String state,
      String account,
      String region)
      implements InboundEvent {
    public StateChange {
      Objects.requireNonNull(instanceId, "instanceId == null");
      Objects.requireNonNull(state, "state == null");
    }
  }

  /** An EventBridge schedule fired: a reconciliation is asked for. */
  record Scheduled(String messageId, String eventId, String account, String region)
      implements InboundEvent {}

  /** Not an event this tool accepts; {@code reason} names the field that is wrong. */
  record Rejected(String messageId, String reason) implements InboundEvent {}
}
