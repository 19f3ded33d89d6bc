package ddns.faults;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A fault the proxy injects instead of (or around) forwarding one call. */
public interface Fault {

  /** A short name for counting: the AWS error code, "reset", "latency". */
  String kind();

  void apply(HttpExchange exchange, FaultProxy.Call call, byte[] body, Forward forward)
      throws IOException;

  /** Forwards the call to the emulator as if no fault were there. */
  interface Forward {
    void run() throws IOException;
  }

  /** The AWS error with this code, in the format and status the call's service uses. */
  static Fault error(String code) {
    return new Fault() {
      @Override
      public String kind() {
        return code;
      }

      @Override
      public void apply(HttpExchange exchange, FaultProxy.Call call, byte[] body, Forward forward)
          throws IOException {
        respond(exchange, AwsErrors.of(call.service(), code));
      }
    };
  }

  /** Route 53's own answer to a change batch it refuses, with one message. */
  static Fault invalidChangeBatch(String message) {
    return new Fault() {
      @Override
      public String kind() {
        return "InvalidChangeBatch";
      }

      @Override
      public void apply(HttpExchange exchange, FaultProxy.Call call, byte[] body, Forward forward)
          throws IOException {
        respond(
            exchange,
            new AwsErrors.Response(400, "text/xml", AwsErrors.invalidChangeBatch(message)));
      }
    };
  }

  /** Drops the connection without an answer; the call never reaches the emulator. */
  static Fault reset() {
    return new Fault() {
      @Override
      public String kind() {
        return "connection reset";
      }

      @Override
      public void apply(HttpExchange exchange, FaultProxy.Call call, byte[] body, Forward forward) {
        // closing the exchange without a response drops the connection
      }
    };
  }

  /** Forwards the call after a delay. */
  static Fault latency(long millis) {
    return new Fault() {
      @Override
      public String kind() {
        return "latency";
      }

      @Override
      public void apply(HttpExchange exchange, FaultProxy.Call call, byte[] body, Forward forward)
          throws IOException {
        try {
          Thread.sleep(millis); // the injected fault itself: a slow network
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        forward.run();
      }
    };
  }

  /**
   * DynamoDB's answer under load to BatchGetItem: nothing read, every requested key returned as
   * {@code UnprocessedKeys}, for the client to ask again.
   */
  static Fault unprocessedKeys() {
    return new Fault() {
      @Override
      public String kind() {
        return "UnprocessedKeys";
      }

      @Override
      public void apply(HttpExchange exchange, FaultProxy.Call call, byte[] body, Forward forward)
          throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json =
            new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode request = json.readTree(body);
        com.fasterxml.jackson.databind.node.ObjectNode answer = json.createObjectNode();
        answer.putObject("Responses");
        answer.set("UnprocessedKeys", request.path("RequestItems"));
        byte[] bytes = json.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    };
  }

  /** Sends an answer as the service would: status, content type, a request id, the body. */
  private static void respond(HttpExchange exchange, AwsErrors.Response response)
      throws IOException {
    byte[] answer = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", response.contentType());
    exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(response.status(), answer.length);
    exchange.getResponseBody().write(answer);
  }
}
