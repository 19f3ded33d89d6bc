package ddns.log;

import static ddns.log.JsonLog.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Log lines with Powertools' key names, meaning what the earlier keys meant. */
class JsonLogTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final AtomicReference<String> trace = new AtomicReference<>();
  private final JsonLog log =
      new JsonLog(
          new PrintStream(bytes, true, StandardCharsets.UTF_8),
          new ObjectMapper(),
          Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC),
          JsonLog.Level.INFO,
          Map.of("service", "route53-ddns-prod", "function_name", "route53-ddns-prod-Fn"),
          trace::get);

  @Test
  void aLine_carriesPowertoolsKeys_forTheInvocationsContext() throws IOException {
    trace.set("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
    try (var scope =
        log.withContext(
            field("requestId", "req-1"), field("functionVersion", "7"), field("coldStart", true))) {
      log.info("instance handled", field("instanceId", "i-0123456789abcdef0"));
    }

    JsonNode line = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
    assertThat(line.path("timestamp").asText()).isEqualTo("2026-12-04T10:00:00Z");
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("message").asText()).isEqualTo("instance handled");
    assertThat(line.path("service").asText()).isEqualTo("route53-ddns-prod");
    assertThat(line.path("function_name").asText()).isEqualTo("route53-ddns-prod-Fn");
    assertThat(line.path("function_request_id").asText()).isEqualTo("req-1");
    assertThat(line.path("function_version").asText()).isEqualTo("7");
    assertThat(line.path("cold_start").asBoolean()).isTrue();
    assertThat(line.path("xray_trace_id").asText())
        .isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
    assertThat(line.path("instanceId").asText()).isEqualTo("i-0123456789abcdef0");
    assertThat(line.has("time") || line.has("requestId") || line.has("coldStart")).isFalse();
  }

  @Test
  void outsideAnInvocation_thereIsNoTraceNorRequest() throws IOException {
    log.warn("no trace");

    JsonNode line = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
    assertThat(line.has("xray_trace_id")).isFalse();
    assertThat(line.has("function_request_id")).isFalse();
    assertThat(line.path("service").asText()).isEqualTo("route53-ddns-prod");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1|1-5759e988-bd862e3fe1be46a994272793",
        "Parent=53995c3f42cd8ad8; Root=1-abc;Sampled=0|1-abc",
        "Sampled=1|",
        "Root=|",
      })
  void theTraceId_isTheHeadersRoot(String header, String root) {
    assertThat(JsonLog.traceRoot(header)).isEqualTo(root);
  }
}
