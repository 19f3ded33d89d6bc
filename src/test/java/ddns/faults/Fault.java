package ddns.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A fault the proxy injects instead of (or around) forwarding one call.
 *
 * @param kind a short name for counting: the AWS error code, "connection reset", "latency"
 * @param action what the proxy does with the call
 */
public record Fault(String kind, Action action) {

  /** What the proxy does with a call it was told to spoil. */
  public interface Action {
    void apply(HttpExchange exchange, FaultProxy.Call call, byte[] body, Forward forward)
        throws IOException;
  }

  /** Forwards the call to the emulator as if no fault were there. */
  public interface Forward {
    void run() throws IOException;
  }

  void apply(HttpExchange exchange, FaultProxy.Call call, byte[] body, Forward forward)
      throws IOException {
    action.apply(exchange, call, body, forward);
  }

  /** The AWS error with this code, in the format and status the call's service uses. */
  public static Fault error(String code) {
    return new Fault(
        code,
        (exchange, call, body, forward) -> respond(exchange, AwsErrors.of(call.service(), code)));
  }

  /** Route 53's own answer to a change batch it refuses, with one message. */
  public static Fault invalidChangeBatch(String message) {
    return new Fault(
        "InvalidChangeBatch",
        (exchange, call, body, forward) ->
            respond(
                exchange,
                new AwsErrors.Response(400, "text/xml", AwsErrors.invalidChangeBatch(message))));
  }

  /**
   * IAM Identity Center's portal answering {@code GetRoleCredentials} (the emulator has no portal):
   * short-lived credentials of the account's role, as JSON, expiring in an hour.
   */
  public static Fault ssoRoleCredentials(String accessKeyId, String secretAccessKey) {
    return new Fault(
        "sso role credentials (emulated)",
        (exchange, call, body, forward) ->
            respond(
                exchange,
                new AwsErrors.Response(
                    200,
                    "application/json",
                    "{\"roleCredentials\":{\"accessKeyId\":\""
                        + accessKeyId
                        + "\",\"secretAccessKey\":\""
                        + secretAccessKey
                        + "\",\"sessionToken\":\"sso-session\",\"expiration\":"
                        + (System.currentTimeMillis() + 3_600_000L)
                        + "}}")));
  }

  /**
   * Route 53's answer to {@code GetAccountLimit} for {@code MAX_HOSTED_ZONES_BY_OWNER} (the
   * emulator does not implement it): the account's zone count and quota.
   */
  public static Fault hostedZoneLimit(long count, long limit) {
    return new Fault(
        "GetAccountLimit (emulated)",
        (exchange, call, body, forward) ->
            respond(
                exchange,
                new AwsErrors.Response(
                    200,
                    "text/xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<GetAccountLimitResponse"
                        + " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
                        + "<Limit><Type>MAX_HOSTED_ZONES_BY_OWNER</Type><Value>"
                        + limit
                        + "</Value></Limit><Count>"
                        + count
                        + "</Count></GetAccountLimitResponse>")));
  }

  /** Drops the connection without an answer; the call never reaches the emulator. */
  public static Fault reset() {
    // Closing the exchange without a response drops the connection.
    return new Fault("connection reset", (exchange, call, body, forward) -> {});
  }

  /** Forwards the call after a delay. */
  public static Fault latency(long millis) {
    return new Fault(
        "latency",
        (exchange, call, body, forward) -> {
          try {
            Thread.sleep(millis); // the injected fault itself: a slow network
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          forward.run();
        });
  }

  /**
   * Holds the call until {@code release} opens, then forwards it: the call reaches AWS late, after
   * whatever the test does meanwhile. {@code held} opens when the call arrives.
   */
  public static Fault hold(
      java.util.concurrent.CountDownLatch held, java.util.concurrent.CountDownLatch release) {
    return new Fault(
        "held",
        (exchange, call, body, forward) -> {
          held.countDown();
          try {
            if (!release.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
              throw new IOException("a held call was never released");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
          }
          forward.run();
        });
  }

  /**
   * EC2's answer to DescribeInstances right after a launch, before the instance shows: a successful
   * answer that lists no instance (EC2 is eventually consistent).
   */
  public static Fault noInstancesYet() {
    return new Fault(
        "not yet visible",
        (exchange, call, body, forward) ->
            respond(
                exchange,
                new AwsErrors.Response(
                    200,
                    "text/xml;charset=UTF-8",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeInstancesResponse"
                        + " xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>"
                        + UUID.randomUUID()
                        + "</requestId><reservationSet/></DescribeInstancesResponse>")));
  }

  /**
   * DynamoDB's answer under load to BatchGetItem: nothing read, every requested key returned as
   * {@code UnprocessedKeys}, for the client to ask again.
   */
  public static Fault unprocessedKeys() {
    return new Fault(
        "UnprocessedKeys",
        (exchange, call, body, forward) -> {
          ObjectMapper json = new ObjectMapper();
          JsonNode request = json.readTree(body);
          ObjectNode answer = json.createObjectNode();
          answer.putObject("Responses");
          answer.set("UnprocessedKeys", request.path("RequestItems"));
          respond(
              exchange,
              new AwsErrors.Response(
                  200, "application/x-amz-json-1.0", json.writeValueAsString(answer)));
        });
  }

  /**
   * DynamoDB's answer under load to BatchWriteItem: nothing written, every requested put or delete
   * returned as {@code UnprocessedItems}, for the client to send again.
   */
  public static Fault unprocessedItems() {
    return new Fault(
        "UnprocessedItems",
        (exchange, call, body, forward) -> {
          ObjectMapper json = new ObjectMapper();
          JsonNode request = json.readTree(body);
          ObjectNode answer = json.createObjectNode();
          answer.set("UnprocessedItems", request.path("RequestItems"));
          respond(
              exchange,
              new AwsErrors.Response(
                  200, "application/x-amz-json-1.0", json.writeValueAsString(answer)));
        });
  }

  /** Sends an answer as the service would: status, content type, a request id, the body. */
  static void respond(HttpExchange exchange, AwsErrors.Response response) throws IOException {
    byte[] answer = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", response.contentType());
    exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(response.status(), answer.length);
    exchange.getResponseBody().write(answer);
  }
}
