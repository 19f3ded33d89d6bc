package ddns.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Event documents built from the real JSON fixtures in {@code src/test/resources/events}. */
final class Events {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  static String fixture(String name) {
    try (InputStream in = Events.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The running.json fixture for another instance and state, with a fresh event id. */
  static String stateChange(String instanceId, String state) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(fixture("running.json"));
      event.put("id", UUID.randomUUID().toString());
      ((ObjectNode) event.path("detail")).put("instance-id", instanceId).put("state", state);
      event.putArray("resources").add("arn:aws:ec2:us-east-1:123456789012:instance/" + instanceId);
      return JSON.writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A state change of an instance in another account and region, as forwarded to the bus. */
  static String stateChangeIn(String instanceId, String state, String account, String region) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(stateChange(instanceId, state));
      event.put("account", account).put("region", region);
      event
          .putArray("resources")
          .add("arn:aws:ec2:" + region + ":" + account + ":instance/" + instanceId);
      return JSON.writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The create-tags.json fixture (CloudTrail through EventBridge) for another instance and call.
   */
  static String tagChange(String instanceId, String eventName, String key, String value) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(fixture("create-tags.json"));
      event.put("id", UUID.randomUUID().toString());
      ObjectNode detail = (ObjectNode) event.path("detail");
      detail.put("eventName", eventName);
      ObjectNode params = (ObjectNode) detail.path("requestParameters");
      params.putObject("resourcesSet").putArray("items").addObject().put("resourceId", instanceId);
      ObjectNode tag = params.putObject("tagSet").putArray("items").addObject().put("key", key);
      if (value != null) {
        tag.put("value", value);
      }
      return JSON.writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tag-change-on-resource.json fixture (aws.tag, no trail) for another instance and key. */
  static String tagServiceChange(String instanceId, String key) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(fixture("tag-change-on-resource.json"));
      event.put("id", UUID.randomUUID().toString());
      event
          .putArray("resources")
          .add(
              "arn:aws:ec2:us-east-1:"
                  + event.path("account").asText()
                  + ":instance/"
                  + instanceId);
      ((ObjectNode) event.path("detail")).putArray("changed-tag-keys").add(key);
      return JSON.writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The associate-address.json fixture for another instance and association. */
  static String addressAssociated(String instanceId, String allocationId, String associationId) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(fixture("associate-address.json"));
      event.put("id", UUID.randomUUID().toString());
      ObjectNode detail = (ObjectNode) event.path("detail");
      ((ObjectNode) detail.path("requestParameters"))
          .put("instanceId", instanceId)
          .put("allocationId", allocationId);
      ((ObjectNode) detail.path("responseElements")).put("associationId", associationId);
      return JSON.writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The disassociate-address.json fixture for another association. */
  static String addressDisassociated(String associationId) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(fixture("disassociate-address.json"));
      event.put("id", UUID.randomUUID().toString());
      ((ObjectNode) event.path("detail").path("requestParameters"))
          .put("associationId", associationId);
      return JSON.writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The lifecycle-launch.json or lifecycle-terminate.json fixture for the instance and token, now,
   * with the detail fields given replaced (hook name, metadata, origin, destination).
   */
  static String lifecycle(
      String fixture, String instanceId, String token, Map<String, String> detailFields) {
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(fixture(fixture));
      event.put("id", UUID.randomUUID().toString());
      event.put("time", java.time.Instant.now().toString());
      ObjectNode detail = (ObjectNode) event.path("detail");
      detail.put("EC2InstanceId", instanceId).put("LifecycleActionToken", token);
      detailFields.forEach(detail::put);
      return JSON.writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An SQS batch (as Lambda receives it) whose message bodies are the given events. */
  static String sqsBatch(List<String> bodies) {
    try {
      ObjectNode batch = (ObjectNode) JSON.readTree(fixture("sqs-batch.json"));
      ObjectNode template = (ObjectNode) batch.path("Records").get(0);
      ArrayNode records = batch.putArray("Records");
      int n = 0;
      for (String body : bodies) {
        ObjectNode record = template.deepCopy();
        record.put("messageId", "msg-" + (n++));
        record.put("body", body);
        records.add(record);
      }
      return JSON.writeValueAsString(batch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
