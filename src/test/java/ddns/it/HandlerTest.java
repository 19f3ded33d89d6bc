package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ddns.handler.DdnsHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lambda entry point, given the bytes Lambda would give it. */
class HandlerTest extends EmulatorTest {

  @Test
  void sqsBatch_reportsOnlyTheBadMessageAsABatchItemFailure() throws Exception {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    String batch =
        Events.sqsBatch(
            List.of(
                Events.stateChange(id, "running"),
                "{\"detail-type\":\"EC2 Instance State-change Notification\"}"));

    JsonNode response = invoke(batch);

    assertThat(response.path("batchItemFailures")).hasSize(1);
    assertThat(response.path("batchItemFailures").get(0).path("itemIdentifier").asText())
        .isEqualTo("msg-1");
    assertThat(response.path("counts").path("registered").asInt()).isEqualTo(1);
    assertThat(response.path("counts").path("rejected").asInt()).isEqualTo(1);
    assertThat(world.records(zone)).hasSize(1);
  }

  @Test
  void directEvent_thatIsMalformed_failsTheInvocation_withTheFieldNamed() {
    assertThatThrownBy(
            () ->
                invoke(
                    "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\",\"detail\":{}}"))
        .hasMessageContaining("detail.instance-id");
  }

  @Test
  void directEvent_handled_answersCountsOnly_andLogsEachInstancesChanges() throws Exception {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);

    JsonNode response = invoke(Events.stateChange(id, "running"));

    assertThat(response.path("batchItemFailures")).isEmpty();
    assertThat(response.has("summary")).isFalse();
    assertThat(response.path("counts").path("instances").asInt()).isEqualTo(1);
    assertThat(response.path("counts").path("changes").asInt()).isEqualTo(2);
    assertThat(response.path("counts").path("apiCalls").asInt()).isPositive();
    JsonNode outcome = logLine("instance outcome");
    assertThat(outcome.path("instance").path("instanceId").asText()).isEqualTo(id);
    assertThat(outcome.path("instance").path("changes"))
        .extracting(c -> c.path("type").asText())
        .containsExactlyInAnyOrder("A", "PTR");
  }

  private JsonNode logLine(String message) throws Exception {
    for (String line : logs().split("\n")) {
      JsonNode node = new ObjectMapper().readTree(line);
      if (node.path("message").asText().equals(message)) {
        return node;
      }
    }
    throw new AssertionError("no log line '" + message + "' in:\n" + logs());
  }

  @Test
  void everyLogLine_carriesTheRequestIdAndColdStart_andInstanceLinesTheMessageId()
      throws Exception {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    DdnsHandler handler = new DdnsHandler(app());

    invoke(handler, Events.sqsBatch(List.of(Events.stateChange(id, "running"))), "req-1");
    invoke(handler, Events.sqsBatch(List.of(Events.stateChange(id, "running"))), "req-2");

    List<JsonNode> lines = new java.util.ArrayList<>();
    for (String line : logs().split("\n")) {
      JsonNode node = new ObjectMapper().readTree(line);
      if (node.has("message")) {
        lines.add(node);
      }
    }
    assertThat(lines).isNotEmpty();
    assertThat(lines)
        .allSatisfy(
            l -> {
              assertThat(l.path("function_request_id").asText()).isIn("req-1", "req-2");
              assertThat(l.path("function_version").asText()).isEqualTo("7");
              assertThat(l.path("cold_start").asBoolean())
                  .isEqualTo(l.path("function_request_id").asText().equals("req-1"));
              assertThat(l.path("service").asText()).isNotEmpty();
              assertThat(l.has("timestamp")).isTrue();
            });
    assertThat(lines)
        .filteredOn(l -> l.path("message").asText().equals("instance handled"))
        .hasSize(2)
        .allSatisfy(l -> assertThat(l.path("messageId").asText()).isEqualTo("msg-0"));
  }

  private JsonNode invoke(String payload) throws Exception {
    return invoke(new DdnsHandler(app()), payload, null);
  }

  private static JsonNode invoke(DdnsHandler handler, String payload, String requestId)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
        out,
        requestId == null ? null : new LambdaContext(requestId, "7"));
    return new ObjectMapper().readTree(out.toByteArray());
  }
}
