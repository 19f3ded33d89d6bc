package ddns.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The AWS API emulator (moto in server mode from the project's venv), started once per test JVM
 * on a free loopback port and stopped when the JVM exits. Tests call {@link #reset()} to start
 * from an empty account.
 */
public final class Emulator {
  private static Emulator instance;

  private final Process process;
  private final URI endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  private Emulator(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static synchronized Emulator get() {
    if (instance == null) {
      instance = start();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
    }
    return instance;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Wipes every service's state. */
  public void reset() {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("emulator reset answered " + response.statusCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("emulator reset failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Emulator start() {
    Path venv = Path.of(System.getProperty("ddns.venv", ".venv"));
    Path server = venv.resolve("bin/moto_server");
    if (!Files.isExecutable(server)) {
      throw new IllegalStateException(server + " is missing: run bin/setup-venv (make test does)");
    }
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(server.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      awaitReady(process, port);
      return new Emulator(process, endpoint);
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + server, e);
    }
  }

  /** Reads the server's output until it says it is listening; gives up after 60 s. */
  private static void awaitReady(Process process, int port) {
    StringBuilder output = new StringBuilder();
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
      try {
        String line;
        while ((line = reader.readLine()) != null) {
          output.append(line).append('\n');
          if (line.contains("Running on") && line.contains(":" + port)) {
            drainLater(reader);
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        return false;
      }
    });
    try {
      if (!ready.get(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("emulator exited before listening:\n" + output);
      }
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("emulator did not start:\n" + output, e);
    }
  }

  /** Keeps reading the server's log so its pipe never fills up. */
  private static void drainLater(BufferedReader reader) {
    Thread drain = new Thread(() -> {
      try {
        while (reader.readLine() != null) {
          // discarded: request logs
        }
      } catch (IOException e) {
        // server stopped
      }
    }, "emulator-log");
    drain.setDaemon(true);
    drain.start();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
