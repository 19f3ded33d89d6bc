package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.run.Summary;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reconcile at scale, against the emulator: a fleet of N running instances (one in ten sharing a
 * CNAME, one in ten with its own) that the tool has never seen, so the first run backfills every
 * record, then a second run that finds nothing to do. Prints and appends to {@code
 * target/benchmark.txt} the API calls by operation, wall time and peak heap, so growth with N is
 * visible. A benchmark, not a test of speed: it asserts correctness only. Run with {@code make
 * bench}; not part of {@code make test}.
 */
@Tag("benchmark")
class ReconcileBenchmarkTest extends EmulatorTest {
  private static final Path REPORT = Path.of("target", "benchmark.txt");

  @ParameterizedTest(name = "{0} instances")
  @ValueSource(ints = {200, 800})
  void reconcile_backfillsAFleet_thenFindsNoDrift(int size) throws IOException {
    var net = world.network("10.0.0.0/16", "corp.internal", true);
    String subnet =
        world
            .ec2
            .createSubnet(r -> r.vpcId(net.vpcId()).cidrBlock("10.0.64.0/18"))
            .subnet()
            .subnetId();
    String zone = world.privateZone("corp.internal", net.vpcId());
    int shared = size / 10;
    int aliased = size / 10;
    world.launchMany(subnet, shared, Map.of("CNAME", "web.corp.internal"));
    for (int i = 0; i < aliased; i++) {
      world.launchMany(subnet, 1, Map.of("CNAME", "svc-" + i + ".corp.internal"));
    }
    world.launchMany(subnet, size - shared - aliased, Map.of());

    Run first = run("backfill", size);
    Run second = run("steady", size);

    int expectedRecords =
        size * 2 + 1 + aliased; // A and PTR each, the shared CNAME, one CNAME each
    assertThat(first.summary.metrics().get("RecordsCreated")).isEqualTo(expectedRecords);
    assertThat(first.summary.failedMessageIds()).isEmpty();
    assertThat(second.summary.metrics().get("DriftFound")).isZero();
    assertThat(world.records(zone)).hasSize(size + 1 + aliased);
  }

  private record Run(Summary summary, long millis, long peakHeapBytes) {}

  private Run run(String label, int size) throws IOException {
    restartApp();
    resetPeaks();
    long start = System.nanoTime();
    Summary summary = app().reconcile(false);
    long millis = (System.nanoTime() - start) / 1_000_000;
    long peak = peakHeap();
    String line =
        String.format(
            "reconcile %-8s fleet=%d instances  records created=%d  wall=%.1f s  (%.2f ms/instance)  peak heap=%d MiB"
                + "  API calls=%d (%.3f/instance): %s%n",
            label,
            size,
            summary.metrics().get("RecordsCreated"),
            millis / 1000.0,
            (double) millis / size,
            peak / (1024 * 1024),
            summary.apiCallsTotal(),
            (double) summary.apiCallsTotal() / size,
            summary.apiCalls());
    System.out.print(line);
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return new Run(summary, millis, peak);
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }
}
