package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command line as a process of its own, as {@code bin/ddns} runs it: what it prints must reach
 * stdout before the process exits (an in-process run with a flushing writer would not show a
 * missing flush).
 */
class CliProcessTest {

  @Test
  void config_printsEverySetting_beforeTheProcessExits() throws Exception {
    Result result = run("config");

    assertThat(result.status()).isZero();
    assertThat(result.out())
        .contains("DDNS_TABLE")
        .contains("DDNS_HOSTNAME_PATTERN")
        .contains("DDNS_POLICY");
  }

  private record Result(int status, String out) {}

  private static Result run(String... args) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("DDNS_") || k.startsWith("AWS_"));
    Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), out);
  }
}
