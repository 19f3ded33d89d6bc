package ddns.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figures from the fault-injection scenarios, for the README's reliability section: written to
 * {@code target/reliability.txt} after every scenario, so the last run's totals are there.
 */
final class Reliability {
  private static final Path REPORT = Path.of("target", "reliability.txt");
  private static final Map<String, Long> TOTALS = new TreeMap<>();

  private Reliability() {}

  static synchronized void add(String figure, long amount) {
    TOTALS.merge(figure, amount, Long::sum);
    StringBuilder text = new StringBuilder();
    TOTALS.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    try {
      Files.createDirectories(REPORT.getParent());
      Files.writeString(REPORT, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
