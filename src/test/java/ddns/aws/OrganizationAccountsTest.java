package ddns.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import ddns.failure.ServiceFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * {@code ListAccounts} through the SDK's standard retry strategy, against a server on loopback that
 * answers as AWS Organizations does: its throttling error ({@code TooManyRequestsException}, HTTP
 * 400, JSON) first, then the pages. The strategy's backoff is recorded, not waited.
 */
class OrganizationAccountsTest {
  private static final String THROTTLED =
      "{\"__type\":\"TooManyRequestsException\",\"Type\":\"client\",\"Message\":\"AWS"
          + " Organizations can't complete your request because another request is already in"
          + " progress. Try again later.\"}";
  private static final String DENIED =
      "{\"__type\":\"AccessDeniedException\",\"Message\":\"You don't have permissions to access"
          + " this resource.\"}";

  /** What the server answers, one per request, in order: status and body. */
  private record Answer(int status, String body) {}

  private final List<Answer> script = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Long> waits = new ArrayList<>();
  private final HttpServer server;
  private final SdkHttpClient http = UrlConnectionHttpClient.create();

  OrganizationAccountsTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            requests.add(
                exchange.getRequestHeaders().getFirst("X-Amz-Target")
                    + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Answer answer = script.isEmpty() ? new Answer(500, "{}") : script.remove(0);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    http.close();
  }

  private OrganizationAccounts accounts() {
    Retries retries =
        new Retries(3, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(10));
    return new OrganizationAccounts(
        http,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
        Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())),
        "aws",
        new ApiCallCounter(),
        retries.strategy(),
        waits::add);
  }

  @Test
  void aThrottledPage_isTriedAgainAfterTheStrategysBackoff_andEveryPageIsRead() {
    script.add(new Answer(400, THROTTLED));
    script.add(
        new Answer(
            200,
            "{\"Accounts\":[{\"Id\":\"111111111111\",\"Status\":\"ACTIVE\"},"
                + "{\"Id\":\"222222222222\",\"Status\":\"SUSPENDED\"}],\"NextToken\":\"page-2\"}"));
    script.add(new Answer(400, THROTTLED));
    script.add(new Answer(200, "{\"Accounts\":[{\"Id\":\"333333333333\",\"State\":\"ACTIVE\"}]}"));

    List<String> active = accounts().active();

    assertThat(active).containsExactly("111111111111", "333333333333");
    assertThat(requests)
        .hasSize(4)
        .allSatisfy(r -> assertThat(r).startsWith("AWSOrganizationsV20161128.ListAccounts"));
    assertThat(requests.get(3)).contains("\"NextToken\":\"page-2\"");
    assertThat(waits)
        .as("one backoff after each throttling, within the throttling cap of the first retry")
        .hasSize(2)
        .allSatisfy(nanos -> assertThat(nanos).isBetween(0L, 500_000_000L));
  }

  @Test
  void throttlingThatGoesOn_failsAfterTheStrategysAttempts_namingTheError() {
    for (int i = 0; i < 5; i++) {
      script.add(new Answer(400, THROTTLED));
    }

    assertThatThrownBy(() -> accounts().active())
        .isInstanceOf(ServiceFailure.class)
        .hasMessageContaining("Organizations.ListAccounts failed: TooManyRequestsException")
        .hasMessageContaining("HTTP 400");
    assertThat(requests).as("the strategy's 3 attempts").hasSize(3);
  }

  @Test
  void aRefusal_isNotTriedAgain_andNamesThePermissionNeeded() {
    script.add(new Answer(400, DENIED));

    assertThatThrownBy(() -> accounts().active())
        .isInstanceOf(ServiceFailure.class)
        .hasMessageContaining("AccessDeniedException")
        .hasMessageContaining("organizations:ListAccounts");
    assertThat(requests).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void aServerError_isTriedAgain() {
    script.add(new Answer(500, "{\"__type\":\"ServiceException\",\"Message\":\"internal\"}"));
    script.add(new Answer(200, "{\"Accounts\":[{\"Id\":\"111111111111\",\"Status\":\"ACTIVE\"}]}"));

    assertThat(accounts().active()).containsExactly("111111111111");
    assertThat(requests).hasSize(2);
  }
}
