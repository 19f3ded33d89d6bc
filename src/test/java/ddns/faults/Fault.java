package ddns.faults;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A fault the proxy injects instead of (or around) forwarding one call. */
public interface Fault {

  /** A short name for counting: the AWS error code, "reset", "latency". */
  String kind();

  void apply(HttpExchange exchange, FaultProxy.Call call, Forward forward) throws IOException;

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
      public void apply(HttpExchange exchange, FaultProxy.Call call, Forward forward)
          throws IOException {
        AwsErrors.Response response = AwsErrors.of(call.service(), code);
        exchange.getResponseHeaders().add("Content-Type", response.contentType());
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.status(), body.length);
        exchange.getResponseBody().write(body);
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
      public void apply(HttpExchange exchange, FaultProxy.Call call, Forward forward)
          throws IOException {
        byte[] body = AwsErrors.invalidChangeBatch(message).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(400, body.length);
        exchange.getResponseBody().write(body);
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
      public void apply(HttpExchange exchange, FaultProxy.Call call, Forward forward) {
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
      public void apply(HttpExchange exchange, FaultProxy.Call call, Forward forward)
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
}
