package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.run.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Alerts at fleet scale, against the emulator: a thousand running instances, each with a tag naming
 * no hosted zone, reconciled once (every instance alerted) and once more (nothing new). Prints and
 * appends to {@code target/benchmark.txt} the SNS publishes, the alert-memory writes and the
 * messages delivered. Asserts correctness only. Run with {@code make bench}.
 */
@Tag("benchmark")
class AlertDigestBenchmarkTest extends EmulatorTest {
  private static final Path REPORT = Path.of("target", "benchmark.txt");
  private static final int FLEET = 1000;

  @Test
  void aThousandAlertedInstances_makeOneMessage_andFortyMemoryWrites() throws IOException {
    var net = world.network("10.0.0.0/16", "corp.internal", true);
    String subnet =
        world
            .ec2
            .createSubnet(r -> r.vpcId(net.vpcId()).cidrBlock("10.0.64.0/18"))
            .subnet()
            .subnetId();
    world.launchMany(subnet, FLEET, Map.of("ZONE", "nowhere.test"));

    Summary first = app().reconcile(false);
    int delivered = world.alerts().size();
    Summary second = app().reconcile(false);
    int deliveredAgain = world.alerts().size();

    report("first run", first, delivered);
    report("second run", second, deliveredAgain);
    assertThat(first.instances()).hasSize(FLEET);
    assertThat(delivered).isEqualTo(1);
    assertThat(deliveredAgain).isZero();
  }

  private static void report(String label, Summary summary, int delivered) throws IOException {
    Map<String, Integer> calls = summary.apiCalls();
    String line =
        String.format(
            "alerts %-10s fleet=%d instances with an alert  SNS.Publish=%d  messages delivered=%d"
                + "  DynamoDB.BatchWriteItem=%d  DynamoDB.PutItem=%d  API calls=%d%n",
            label,
            FLEET,
            calls.getOrDefault("SNS.Publish", 0),
            delivered,
            calls.getOrDefault("DynamoDB.BatchWriteItem", 0),
            calls.getOrDefault("DynamoDB.PutItem", 0),
            summary.apiCallsTotal());
    System.out.print(line);
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
