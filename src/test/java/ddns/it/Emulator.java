package ddns.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The AWS API emulator (moto in server mode from the project's venv), started once per test JVM on
 * a free loopback port and stopped when the JVM exits. Tests call {@link #reset()} to start from an
 * empty account.
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
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
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

  /** Runs tools/emulator.py, which binds a free loopback port and prints it once listening. */
  private static Emulator start() {
    Path venv = Path.of(System.getProperty("ddns.venv", ".venv"));
    Path python = venv.resolve("bin/python");
    Path script = Path.of(System.getProperty("ddns.emulator", "tools/emulator.py"));
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException(python + " is missing: run bin/setup-venv (make test does)");
    }
    try {
      Process process =
          new ProcessBuilder(python.toString(), script.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> firstLine =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return reader.readLine();
                } catch (IOException e) {
                  return null;
                }
              });
      String port = firstLine.get(60, TimeUnit.SECONDS);
      if (port == null || !port.strip().matches("\\d+")) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "emulator did not start (exit "
                + (process.isAlive() ? "?" : process.exitValue())
                + ")");
      }
      return new Emulator(process, URI.create("http://127.0.0.1:" + port.strip()));
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not start the emulator with " + python + " " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
