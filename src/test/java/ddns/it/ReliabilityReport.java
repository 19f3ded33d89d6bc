package ddns.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Starts each test run with no figures, and writes their totals when it ends. */
public final class ReliabilityReport implements TestExecutionListener {
  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    try {
      Files.deleteIfExists(Reliability.FIGURES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    try {
      Reliability.total();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
