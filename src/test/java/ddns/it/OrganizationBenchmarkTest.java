package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordType;
import ddns.faults.FaultProxy;
import ddns.run.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reconcile across an organization, against the emulator: two accounts times two regions, 100
 * instances in each, never seen before, then a second run that finds nothing to do. Each run starts
 * cold (new credentials, new clients). Prints and appends to {@code target/benchmark.txt} the API
 * calls by role and service, Route 53 requests of the central account, and wall time. A benchmark,
 * not a test of speed: it asserts correctness only. Run with {@code make bench}.
 */
@Tag("benchmark")
class OrganizationBenchmarkTest extends EmulatorTest {
  private static final Path REPORT = Path.of("target", "benchmark.txt");
  private static final int PER_WORKPLACE = 100;

  @Test
  void reconcileOverTwoAccountsAndTwoRegions_backfills_thenFindsNoDrift() throws IOException {
    try (FaultProxy proxy = strictProxy()) {
      proxy.crossAccountZones("testing");
      endpoint = proxy.endpoint();
      env.put("DDNS_ACCOUNTS", "222222222222");
      env.put("DDNS_REGIONS", "us-west-2");
      var home = world.network("10.20.0.0/16", "corp.internal", true);
      String corp = world.privateZone("corp.internal", home.vpcId());
      List<AwsWorld> places = new ArrayList<>(List.of(world));
      places.add(AwsWorld.of(EMULATOR.endpoint(), AwsWorld.ACCOUNT, "us-west-2"));
      places.add(AwsWorld.of(EMULATOR.endpoint(), "222222222222", AwsWorld.REGION));
      places.add(AwsWorld.of(EMULATOR.endpoint(), "222222222222", "us-west-2"));
      try {
        for (int i = 0; i < places.size(); i++) {
          var net =
              i == 0 ? home : places.get(i).network("10.3" + i + ".0.0/16", "corp.internal", true);
          places.get(i).launchMany(net.subnetId(), PER_WORKPLACE, Map.of());
        }

        Summary first = run("backfill");
        Summary second = run("steady");

        assertThat(first.failedMessageIds()).isEmpty();
        assertThat(world.records(corp).stream().filter(r -> r.type() == RecordType.A))
            .hasSize(places.size() * PER_WORKPLACE);
        assertThat(second.metrics().get("DriftFound")).isZero();
        assertThat(second.failedMessageIds()).isEmpty();
      } finally {
        places.subList(1, places.size()).forEach(AwsWorld::close);
      }
    }
  }

  private Summary run(String label) throws IOException {
    restartApp();
    long start = System.nanoTime();
    Summary summary = app().reconcile(false);
    long millis = (System.nanoTime() - start) / 1_000_000;
    Map<String, Integer> byRole = new TreeMap<>();
    summary
        .apiCalls()
        .forEach(
            (call, n) -> {
              String service = call.substring(0, call.indexOf('.'));
              byRole.merge(
                  (call.endsWith(" as member") ? "member " : "central ") + service,
                  n,
                  Integer::sum);
            });
    int route53Central =
        summary.apiCalls().entrySet().stream()
            .filter(e -> e.getKey().startsWith("Route53.") && !e.getKey().endsWith(" as member"))
            .mapToInt(Map.Entry::getValue)
            .sum();
    String line =
        String.format(
            "organization reconcile %-8s 2 accounts x 2 regions x %d instances  records created=%d"
                + "  wall=%.1f s  API calls=%d  central Route 53 requests=%d  by role: %s  all: %s%n",
            label,
            PER_WORKPLACE,
            summary.metrics().get("RecordsCreated"),
            millis / 1000.0,
            summary.apiCallsTotal(),
            route53Central,
            byRole,
            summary.apiCalls());
    System.out.print(line);
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return summary;
  }
}
