package ddns.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.simple.SimpleLoggerFactory;

/**
 * The AWS SDK logs through SLF4J: its warnings reach stderr through a real binding (slf4j-simple,
 * src/main/resources/simplelogger.properties), its chatter below WARN does not.
 */
class SdkLoggingTest {
  @Test
  void theSdksWarnings_reachStderr_andItsInfoDoesNot() {
    PrintStream before = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      var sdk = LoggerFactory.getLogger("software.amazon.awssdk.core.internal.retry.Test");
      sdk.info("an info line of the SDK");
      sdk.warn("a warning of the SDK");
    } finally {
      System.setErr(before);
    }

    assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(SimpleLoggerFactory.class);
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("WARN", "a warning of the SDK")
        .doesNotContain("an info line of the SDK");
  }
}
