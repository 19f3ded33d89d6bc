package ddns.event;

import ddns.facts.InstanceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** One event from EventBridge, decoded, or the reason it could not be. */
public sealed interface InboundEvent {

  /** The SQS message id, or the EventBridge event id for a direct invocation. */
  String messageId();

  /**
   * An EC2 instance changed state. {@code state} is EC2's spelling, validated; {@code time} is when
   * it happened, as the event says (absent when the event has no valid {@code time}).
   */
  record StateChange(
      String messageId,
      String eventId,
      InstanceId instanceId,
      String state,
      String account,
      String region,
      Optional<Instant> time)
      implements InboundEvent {
    public StateChange {
      Objects.requireNonNull(instanceId, "instanceId == null");
      Objects.requireNonNull(state, "state == null");
      Objects.requireNonNull(time, "time == null");
    }

    public StateChange(
        String messageId,
        String eventId,
        InstanceId instanceId,
        String state,
        String account,
        String region) {
      this(messageId, eventId, instanceId, state, account, region, Optional.empty());
    }
  }

  /**
   * Tags of instances were created or deleted (a CloudTrail {@code CreateTags}/{@code DeleteTags}
   * call): those instances are planned again. {@code tagKeys} are the keys touched; empty when the
   * call did not say.
   */
  record TagChange(
      String messageId,
      String eventId,
      List<InstanceId> instanceIds,
      Set<String> tagKeys,
      String account,
      String region)
      implements InboundEvent {
    public TagChange {
      instanceIds = List.copyOf(instanceIds);
      tagKeys = Set.copyOf(tagKeys);
    }
  }

  /**
   * An address moved while instances run (a CloudTrail {@code AssociateAddress}, {@code
   * DisassociateAddress}, {@code AttachNetworkInterface} or {@code DetachNetworkInterface} call):
   * the instances it names are planned again. A call that names no instance (a disassociation or a
   * detachment names only the association) asks for a reconcile run instead ({@code
   * needsReconcile}); a call that failed asks for nothing.
   */
  record AddressChange(
      String messageId,
      String eventId,
      List<InstanceId> instanceIds,
      String call,
      boolean needsReconcile,
      String account,
      String region)
      implements InboundEvent {
    public AddressChange {
      instanceIds = List.copyOf(instanceIds);
      Objects.requireNonNull(call, "call == null");
    }
  }

  /**
   * Auto Scaling holds an instance in {@code Pending:Wait} or {@code Terminating:Wait} for a
   * lifecycle hook (an {@code EC2 Instance-launch Lifecycle Action} or {@code EC2
   * Instance-terminate Lifecycle Action} event): its records are written or removed, then the
   * action is completed.
   */
  record LifecycleAction(
      String messageId,
      String eventId,
      InstanceId instanceId,
      LifecycleHook hook,
      String account,
      String region,
      Optional<Instant> time)
      implements InboundEvent {
    public LifecycleAction {
      Objects.requireNonNull(instanceId, "instanceId == null");
      Objects.requireNonNull(hook, "hook == null");
      Objects.requireNonNull(time, "time == null");
    }
  }

  /** The tool's own follow-up of a launch, back from its queue: is Route 53 done with it? */
  record LifecycleFollowUp(String messageId, String eventId, FollowUp followUp)
      implements InboundEvent {
    public LifecycleFollowUp {
      Objects.requireNonNull(followUp, "followUp == null");
    }
  }

  /** An EventBridge schedule fired: a reconciliation is asked for. */
  record Scheduled(String messageId, String eventId, String account, String region)
      implements InboundEvent {}

  /**
   * A reconcile of one account and region: a unit of work the tool queued for itself when it fanned
   * a scheduled run out, or when an address change named no instance (docs/behaviour.md,
   * "Reconcile"). {@link #toEvent} writes the message body the decoder reads back.
   */
  record ReconcileUnit(String messageId, String eventId, String account, String region)
      implements InboundEvent {
    /** The detail-type of the tool's own unit messages. */
    public static final String DETAIL_TYPE = "route53-ddns Reconcile Unit";

    /** The message body for a unit of {@code account} and {@code region}. */
    public static String toEvent(String account, String region) {
      return "{\"version\":\"0\",\"id\":\""
          + java.util.UUID.randomUUID()
          + "\",\"detail-type\":\""
          + DETAIL_TYPE
          + "\",\"source\":\"route53-ddns\",\"account\":\""
          + account
          + "\",\"region\":\""
          + region
          + "\",\"detail\":{}}";
    }
  }

  /** Not an event this tool accepts; {@code reason} names the field that is wrong. */
  record Rejected(String messageId, String reason) implements InboundEvent {}
}
