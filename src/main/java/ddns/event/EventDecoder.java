package ddns.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ddns.event.InboundEvent.AddressChange;
import ddns.event.InboundEvent.ReconcileUnit;
import ddns.event.InboundEvent.Rejected;
import ddns.event.InboundEvent.Scheduled;
import ddns.event.InboundEvent.StateChange;
import ddns.event.InboundEvent.TagChange;
import ddns.facts.InstanceId;
import ddns.facts.InstanceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decodes what the Lambda receives: one EventBridge event, or an SQS batch whose message bodies are
 * EventBridge events. Never throws on bad input; each bad event becomes {@link Rejected} with a
 * message naming the field.
 */
public final class EventDecoder {
  static final String STATE_CHANGE = "EC2 Instance State-change Notification";
  static final String SCHEDULED = "Scheduled Event";
  static final String API_CALL = "AWS API Call via CloudTrail";
  static final String LAUNCH_ACTION = "EC2 Instance-launch Lifecycle Action";
  static final String TERMINATE_ACTION = "EC2 Instance-terminate Lifecycle Action";
  static final String TAG_SERVICE = "Tag Change on Resource";
  private static final Set<String> TAG_CALLS = Set.of("CreateTags", "DeleteTags");
  private static final Set<String> ADDRESS_CALLS =
      Set.of(
          "AssociateAddress",
          "DisassociateAddress",
          "AttachNetworkInterface",
          "DetachNetworkInterface");

  /** Anything larger is not an EventBridge event (their limit is 256 KiB). */
  static final int MAX_EVENT_BYTES = 256 * 1024;

  private final ObjectMapper json;

  public EventDecoder(ObjectMapper json) {
    this.json = json;
  }

  /** Decodes a whole invocation payload. A payload that is not JSON is one rejected event. */
  public Invocation decode(String payload) {
    if (payload == null || payload.isBlank()) {
      return single(
          new Rejected("-", "input is empty; expected an EventBridge event or an SQS batch"));
    }
    JsonNode root;
    try {
      root = json.readTree(payload);
    } catch (JsonProcessingException e) {
      return single(new Rejected("-", "input is not JSON: " + e.getOriginalMessage()));
    }
    if (root.isObject() && root.has("Records")) {
      if (!root.path("Records").isArray()) {
        return new Invocation(true, List.of(new Rejected("-", "Records is not an array")));
      }
      return new Invocation(true, decodeSqs(root.path("Records")));
    }
    return single(decodeEvent(root, text(root, "id"), utf8Bytes(payload)));
  }

  private static Invocation single(InboundEvent event) {
    return new Invocation(false, List.of(event));
  }

  private List<InboundEvent> decodeSqs(JsonNode records) {
    List<InboundEvent> events = new ArrayList<>();
    int index = 0;
    for (JsonNode record : records) {
      String messageId = text(record, "messageId");
      String label = messageId != null ? messageId : "Records[" + index + "]";
      if (messageId == null) {
        events.add(new Rejected(label, "Records[" + index + "].messageId is missing"));
      } else if (!record.path("body").isTextual()) {
        events.add(new Rejected(label, "Records[" + index + "].body is missing or not a string"));
      } else {
        String body = record.path("body").asText();
        events.add(decodeBody(label, body));
      }
      index++;
    }
    return events;
  }

  private InboundEvent decodeBody(String messageId, String body) {
    try {
      return decodeEvent(json.readTree(body), messageId, utf8Bytes(body));
    } catch (JsonProcessingException e) {
      return new Rejected(messageId, "message body is not JSON: " + e.getOriginalMessage());
    }
  }

  private InboundEvent decodeEvent(JsonNode event, String messageId, int size) {
    String label = messageId != null ? messageId : "-";
    if (size > MAX_EVENT_BYTES) {
      return new Rejected(
          label, "event is " + size + " bytes; EventBridge events are at most " + MAX_EVENT_BYTES);
    }
    if (!event.isObject()) {
      return new Rejected(label, "event is not a JSON object");
    }
    String detailType = text(event, "detail-type");
    if (detailType == null) {
      return new Rejected(label, "detail-type is missing or not a string");
    }
    if (detailType.equals(ReconcileUnit.DETAIL_TYPE)) {
      String account = text(event, "account");
      String region = text(event, "region");
      if (!ddns.facts.Workplace.isAccount(account) || !ddns.facts.Workplace.isRegion(region)) {
        return new Rejected(label, "a reconcile unit names no valid account and region");
      }
      return new ReconcileUnit(label, text(event, "id"), account, region);
    }
    if (detailType.equals(SCHEDULED)) {
      return new Scheduled(label, text(event, "id"), text(event, "account"), text(event, "region"));
    }
    if (detailType.equals(API_CALL)) {
      return decodeApiCall(event, label);
    }
    if (detailType.equals(LAUNCH_ACTION)) {
      return LifecycleEvents.action(event, label, LifecycleHook.Transition.LAUNCHING);
    }
    if (detailType.equals(TERMINATE_ACTION)) {
      return LifecycleEvents.action(event, label, LifecycleHook.Transition.TERMINATING);
    }
    if (detailType.equals(FollowUp.DETAIL_TYPE)) {
      return LifecycleEvents.followUp(event, label);
    }
    if (detailType.equals(TAG_SERVICE)) {
      return TagServiceEvents.decode(event, label);
    }
    if (!detailType.equals(STATE_CHANGE)) {
      return new Rejected(
          label,
          "detail-type '"
              + abbreviate(detailType)
              + "' is not '"
              + String.join(
                  "', '",
                  STATE_CHANGE,
                  API_CALL,
                  TAG_SERVICE,
                  LAUNCH_ACTION,
                  TERMINATE_ACTION,
                  SCHEDULED)
              + "'");
    }
    return decodeStateChange(event, label);
  }

  /** An EC2 instance state-change notification, each field checked. */
  private static InboundEvent decodeStateChange(JsonNode event, String label) {
    String source = text(event, "source");
    if (!"aws.ec2".equals(source)) {
      return new Rejected(
          label,
          "source must be 'aws.ec2', was " + (source == null ? "missing" : "'" + source + "'"));
    }
    JsonNode detail = event.path("detail");
    if (!detail.isObject()) {
      return new Rejected(label, "detail is missing or not an object");
    }
    String instanceId = text(detail, "instance-id");
    if (instanceId == null) {
      return new Rejected(label, "detail.instance-id is missing or not a string");
    }
    if (!InstanceId.isEc2Id(instanceId)) {
      return new Rejected(
          label, "detail.instance-id '" + abbreviate(instanceId) + "' is not an instance id (i-…)");
    }
    String state = text(detail, "state");
    if (state == null) {
      return new Rejected(label, "detail.state is missing or not a string");
    }
    if (InstanceState.parse(state).isEmpty()) {
      return new Rejected(
          label, "detail.state '" + abbreviate(state) + "' is not an EC2 instance state");
    }
    return new StateChange(
        label,
        text(event, "id"),
        InstanceId.of(instanceId),
        state,
        text(event, "account"),
        text(event, "region"),
        time(event));
  }

  /**
   * The event's {@code time}, ISO 8601; absent when missing or unreadable (it only times retries).
   */
  static java.util.Optional<java.time.Instant> time(JsonNode event) {
    String text = text(event, "time");
    if (text == null) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(java.time.Instant.parse(text));
    } catch (java.time.format.DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }

  /** Tag and address calls on EC2, as CloudTrail reports them through EventBridge. */
  private InboundEvent decodeApiCall(JsonNode event, String label) {
    JsonNode detail = event.path("detail");
    String name = text(detail, "eventName");
    boolean ec2 = "ec2.amazonaws.com".equals(text(detail, "eventSource"));
    if (ec2 && name != null && ADDRESS_CALLS.contains(name)) {
      return decodeAddressCall(event, label, name);
    }
    if (!ec2 || name == null || !TAG_CALLS.contains(name)) {
      return new Rejected(
          label,
          "detail.eventName must be CreateTags, DeleteTags, "
              + String.join(", ", new TreeSet<>(ADDRESS_CALLS))
              + " on ec2.amazonaws.com, was "
              + (name == null ? "missing" : "'" + abbreviate(name) + "'"));
    }
    JsonNode resources = detail.path("requestParameters").path("resourcesSet").path("items");
    if (!resources.isArray()) {
      return new Rejected(
          label, "detail.requestParameters.resourcesSet.items is missing or not an array");
    }
    List<InstanceId> instances = new ArrayList<>();
    for (JsonNode resource : resources) {
      String id = text(resource, "resourceId");
      if (InstanceId.isEc2Id(id)) {
        instances.add(InstanceId.of(id));
      }
    }
    Set<String> keys = new TreeSet<>();
    for (JsonNode tag : detail.path("requestParameters").path("tagSet").path("items")) {
      String key = text(tag, "key");
      if (key != null) {
        keys.add(key);
      }
    }
    boolean failedCall = detail.hasNonNull("errorCode");
    return new TagChange(
        label,
        text(event, "id"),
        failedCall ? List.of() : instances,
        keys,
        text(event, "account"),
        text(event, "region"));
  }

  /**
   * An address call: the instance it names ({@code requestParameters.instanceId}), or, when it
   * names none (a disassociation, a detachment, an association by network interface), a reconcile.
   */
  private static InboundEvent decodeAddressCall(JsonNode event, String label, String name) {
    JsonNode detail = event.path("detail");
    String instance = text(detail.path("requestParameters"), "instanceId");
    boolean failedCall = detail.hasNonNull("errorCode");
    List<InstanceId> instances =
        !failedCall && InstanceId.isEc2Id(instance) ? List.of(InstanceId.of(instance)) : List.of();
    return new AddressChange(
        label,
        text(event, "id"),
        instances,
        name,
        !failedCall && instances.isEmpty(),
        text(event, "account"),
        text(event, "region"));
  }

  /** EventBridge's limit counts bytes; a character outside ASCII takes two to four of them. */
  private static int utf8Bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }

  /** Event text in a rejection: one line, at most 40 characters. */
  static String abbreviate(String s) {
    String quoted = ddns.dns.Quoted.of(s.length() <= 40 ? s : s.substring(0, 40) + "…");
    return quoted.substring(1, quoted.length() - 1);
  }
}
