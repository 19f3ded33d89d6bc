package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
    Process process = CliProcess.start(Map.of(), args);
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), out);
  }
}
