package ddns.event;

import com.fasterxml.jackson.databind.JsonNode;
import ddns.event.InboundEvent.Rejected;
import ddns.event.InboundEvent.TagChange;
import ddns.facts.InstanceId;
import java.util.Set;
import java.util.TreeSet;

/**
 * EventBridge's own tag events ({@code aws.tag}, "Tag Change on Resource"), which reach it without
 * a CloudTrail trail: the instance is named by its ARN in {@code resources}, the keys that changed
 * in {@code detail.changed-tag-keys}. They become the same {@link TagChange} as a CloudTrail {@code
 * CreateTags}/{@code DeleteTags} call.
 */
final class TagServiceEvents {
  private TagServiceEvents() {}

  static InboundEvent decode(JsonNode event, String label) {
    if (!"aws.tag".equals(EventDecoder.text(event, "source"))) {
      return new Rejected(label, "source of a '" + EventDecoder.TAG_SERVICE + "' must be aws.tag");
    }
    JsonNode detail = event.path("detail");
    if (!"ec2".equals(EventDecoder.text(detail, "service"))) {
      return new Rejected(label, "detail.service must be 'ec2' (tags of EC2 instances only)");
    }
    if (!"instance".equals(EventDecoder.text(detail, "resource-type"))) {
      return new Rejected(label, "detail.resource-type must be 'instance'");
    }
    InstanceId instance = null;
    for (JsonNode resource : event.path("resources")) {
      String arn = resource.isTextual() ? resource.asText() : "";
      int slash = arn.lastIndexOf(":instance/");
      String id = slash < 0 ? "" : arn.substring(slash + ":instance/".length());
      if (InstanceId.isEc2Id(id)) {
        instance = InstanceId.of(id);
      }
    }
    if (instance == null) {
      return new Rejected(label, "resources names no EC2 instance ARN (…:instance/i-…)");
    }
    Set<String> keys = new TreeSet<>();
    for (JsonNode key : detail.path("changed-tag-keys")) {
      if (key.isTextual()) {
        keys.add(key.asText());
      }
    }
    return new TagChange(
        label,
        EventDecoder.text(event, "id"),
        java.util.List.of(instance),
        keys,
        EventDecoder.text(event, "account"),
        EventDecoder.text(event, "region"));
  }
}
