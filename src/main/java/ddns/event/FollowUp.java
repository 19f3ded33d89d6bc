package ddns.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ddns.facts.InstanceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A launch the tool looks at again (docs/behaviour.md, "Lifecycle hooks"): its records were
 * written, and Route 53 had not yet applied the change requests everywhere. The message goes to the
 * tool's own queue with a delay and comes back as an event ({@link #toEvent}, read by {@link
 * EventDecoder}).
 *
 * @param instanceId the instance as EC2 names it ({@code i-…})
 * @param changeIds Route 53's ids of the change requests that wrote its records
 * @param check which check this is, from 1
 * @param heldSince when Auto Scaling began to hold the instance (the lifecycle event's time)
 * @param account the account the instance runs in (null: the tool's own)
 * @param region the region it runs in (null: the tool's own)
 */
public record FollowUp(
    InstanceId instanceId,
    LifecycleHook hook,
    List<String> changeIds,
    int check,
    Optional<Instant> heldSince,
    String account,
    String region) {

  static final String SOURCE = "route53-ddns";
  static final String DETAIL_TYPE = "Lifecycle Action Follow-up";

  public FollowUp {
    Objects.requireNonNull(instanceId, "instanceId == null");
    Objects.requireNonNull(hook, "hook == null");
    changeIds = List.copyOf(changeIds);
    Objects.requireNonNull(heldSince, "heldSince == null");
    if (check < 1) {
      throw new IllegalArgumentException("check must be 1 or more, was " + check);
    }
  }

  /** The next check of the same launch. */
  public FollowUp next() {
    return new FollowUp(instanceId, hook, changeIds, check + 1, heldSince, account, region);
  }

  /** The same follow-up with its instance named in its workplace, as the tool names it there. */
  public FollowUp in(ddns.facts.Workplace where, ddns.facts.Workplace home) {
    return new FollowUp(
        InstanceId.in(where, instanceId.ec2Id(), home),
        hook,
        changeIds,
        check,
        heldSince,
        account,
        region);
  }

  /** As an EventBridge-shaped event, the body of the follow-up message. */
  public String toEvent(ObjectMapper json) {
    ObjectNode event = json.createObjectNode();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", DETAIL_TYPE);
    event.put("source", SOURCE);
    if (account != null) {
      event.put("account", account);
    }
    if (region != null) {
      event.put("region", region);
    }
    heldSince.ifPresent(t -> event.put("time", t.toString()));
    ObjectNode detail = event.putObject("detail");
    detail.put("EC2InstanceId", instanceId.ec2Id());
    detail.put("LifecycleActionToken", hook.token());
    detail.put("AutoScalingGroupName", hook.group());
    detail.put("LifecycleHookName", hook.hook());
    detail.put("LifecycleTransition", hook.transition().spelling());
    detail.put("NotificationMetadata", hook.metadata());
    detail.put("Origin", hook.origin());
    detail.put("Destination", hook.destination());
    changeIds.forEach(detail.putArray("ChangeIds")::add);
    detail.put("Check", check);
    return event.toString();
  }
}
