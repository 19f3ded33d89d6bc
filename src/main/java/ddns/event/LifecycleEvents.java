package ddns.event;

import static ddns.event.EventDecoder.abbreviate;
import static ddns.event.EventDecoder.text;
import static ddns.event.EventDecoder.time;

import com.fasterxml.jackson.databind.JsonNode;
import ddns.event.InboundEvent.LifecycleAction;
import ddns.event.InboundEvent.LifecycleFollowUp;
import ddns.event.InboundEvent.Rejected;
import ddns.facts.InstanceId;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Auto Scaling's lifecycle actions and the tool's own follow-ups of launches, for {@link
 * EventDecoder}: each field the completion needs checked, a rejection naming the field otherwise.
 */
final class LifecycleEvents {
  private LifecycleEvents() {}

  /**
   * An Auto Scaling lifecycle action, as EventBridge delivers it without a notification target:
   * each field the completion needs checked, the transition matching the detail-type.
   */
  static InboundEvent action(JsonNode event, String label, LifecycleHook.Transition transition) {
    String source = text(event, "source");
    if (!"aws.autoscaling".equals(source)) {
      return new Rejected(
          label,
          "source must be 'aws.autoscaling', was "
              + (source == null ? "missing" : "'" + abbreviate(source) + "'"));
    }
    HookFields decoded = decodeHook(event, label, transition);
    if (!(decoded instanceof Held held)) {
      return ((NotHeld) decoded).rejected();
    }
    return new LifecycleAction(
        label,
        text(event, "id"),
        held.instanceId(),
        held.hook(),
        text(event, "account"),
        text(event, "region"),
        time(event));
  }

  /** A follow-up of a launch, as {@link FollowUp#toEvent} wrote it. */
  static InboundEvent followUp(JsonNode event, String label) {
    String source = text(event, "source");
    if (!FollowUp.SOURCE.equals(source)) {
      return new Rejected(
          label,
          "source must be '"
              + FollowUp.SOURCE
              + "', was "
              + (source == null ? "missing" : "'" + abbreviate(source) + "'"));
    }
    HookFields decoded = decodeHook(event, label, LifecycleHook.Transition.LAUNCHING);
    if (!(decoded instanceof Held held)) {
      return ((NotHeld) decoded).rejected();
    }
    JsonNode detail = event.path("detail");
    JsonNode ids = detail.path("ChangeIds");
    List<String> changeIds = new ArrayList<>();
    for (JsonNode id : ids) {
      if (!id.isTextual() || id.asText().isBlank()) {
        return new Rejected(label, "detail.ChangeIds holds something other than a change id");
      }
      changeIds.add(id.asText());
    }
    if (!ids.isArray() || changeIds.isEmpty()) {
      return new Rejected(label, "detail.ChangeIds is missing or empty");
    }
    JsonNode check = detail.path("Check");
    if (!check.canConvertToInt() || !check.isIntegralNumber() || check.asInt() < 1) {
      return new Rejected(label, "detail.Check is missing or not a whole number from 1");
    }
    return new LifecycleFollowUp(
        label,
        text(event, "id"),
        new FollowUp(
            held.instanceId(),
            held.hook(),
            changeIds,
            check.asInt(),
            time(event),
            text(event, "account"),
            text(event, "region")));
  }

  /** The lifecycle fields of a detail, read: the instance and hook, or why not. */
  private sealed interface HookFields permits Held, NotHeld {}

  private record Held(InstanceId instanceId, LifecycleHook hook) implements HookFields {}

  private record NotHeld(Rejected rejected) implements HookFields {}

  /** The lifecycle fields of the detail, each checked. */
  private static HookFields decodeHook(
      JsonNode event, String label, LifecycleHook.Transition transition) {
    JsonNode detail = event.path("detail");
    if (!detail.isObject()) {
      return new NotHeld(new Rejected(label, "detail is missing or not an object"));
    }
    for (String field :
        List.of(
            "EC2InstanceId",
            "LifecycleActionToken",
            "AutoScalingGroupName",
            "LifecycleHookName",
            "LifecycleTransition")) {
      String value = text(detail, field);
      if (value == null || value.isBlank()) {
        return new NotHeld(new Rejected(label, "detail." + field + " is missing or not a string"));
      }
    }
    String instanceId = text(detail, "EC2InstanceId");
    if (!InstanceId.isEc2Id(instanceId)) {
      return new NotHeld(
          new Rejected(
              label,
              "detail.EC2InstanceId '" + abbreviate(instanceId) + "' is not an instance id (i-…)"));
    }
    String given = text(detail, "LifecycleTransition");
    if (!given.equals(transition.spelling())) {
      return new NotHeld(
          new Rejected(
              label,
              "detail.LifecycleTransition '"
                  + abbreviate(given)
                  + "' does not match detail-type: expected '"
                  + transition.spelling()
                  + "'"));
    }
    LifecycleHook hook =
        new LifecycleHook(
            text(detail, "AutoScalingGroupName"),
            text(detail, "LifecycleHookName"),
            text(detail, "LifecycleActionToken"),
            transition,
            text(detail, "Origin"),
            text(detail, "Destination"),
            text(detail, "NotificationMetadata"));
    return new Held(InstanceId.of(instanceId), hook);
  }
}
