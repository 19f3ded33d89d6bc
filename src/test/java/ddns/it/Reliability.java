package ddns.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figures from the fault-injection scenarios, for the README's reliability section. Each figure is
 * appended as one line to {@code target/reliability-figures.tsv} (no shared state between tests, so
 * they may run in parallel); {@link ReliabilityReport} adds them up into {@code
 * target/reliability.txt} when the test run ends.
 */
final class Reliability {
  static final Path FIGURES = Path.of("target", "reliability-figures.tsv");
  static final Path REPORT = Path.of("target", "reliability.txt");

  private Reliability() {}

  static void add(String figure, long amount) {
    try {
      Files.createDirectories(FIGURES.getParent());
      Files.writeString(
          FIGURES,
          figure + "\t" + amount + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sums the figures appended so far into the report; nothing when none were. */
  static void total() throws IOException {
    if (!Files.exists(FIGURES)) {
      return;
    }
    Map<String, Long> totals = new TreeMap<>();
    for (String line : Files.readAllLines(FIGURES)) {
      int tab = line.lastIndexOf('\t');
      if (tab > 0) {
        totals.merge(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)), Long::sum);
      }
    }
    StringBuilder text = new StringBuilder();
    totals.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    Files.writeString(REPORT, text);
  }
}
