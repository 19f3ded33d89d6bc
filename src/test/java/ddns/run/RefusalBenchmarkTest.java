package ddns.run;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.app.Application;
import ddns.apply.Deadline;
import ddns.config.Config;
import ddns.event.InboundEvent;
import ddns.event.InboundEvent.StateChange;
import ddns.facts.InstanceId;
import ddns.fakes.FakeAlerts;
import ddns.fakes.FakeDnsZones;
import ddns.fakes.FakeInstances;
import ddns.fakes.FakeRegistry;
import ddns.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue figures on the in-memory ports (docs/behaviour.md, "Failures and alerts"): one name Route
 * 53 refuses inside a batch of 1,000, a batch whose retries outrun the invocation's time budget,
 * and the size of the Lambda's answer at 10,000 instances. Route 53 requests take simulated time (a
 * request at 5 per second; the default pace is 2 a second after a burst of 5); prints figures to
 * {@code target/benchmark.txt} and asserts correctness, never wall time.
 */
@Tag("benchmark")
class RefusalBenchmarkTest {
  private static final Path REPORT = Path.of("target", "benchmark.txt");
  private static final Duration PER_REQUEST = Duration.ofMillis(200);

  private final FakeInstances ec2 = new FakeInstances("corp.internal");
  private final FakeDnsZones dns = new FakeDnsZones();
  private final FakeRegistry registry = new FakeRegistry();
  private final SimulatedClock clock = new SimulatedClock();

  RefusalBenchmarkTest() {
    dns.privateZone("corp.internal", FakeInstances.VPC);
    dns.privateZone("0.10.in-addr.arpa", FakeInstances.VPC);
    dns.onRequest(() -> clock.advance(PER_REQUEST));
  }

  @Test
  void oneRefusedName_inABatchOf1000_costsAFewRequests_andRefusesNothingElse() throws IOException {
    List<InstanceId> ids = launch(1000);
    dns.refuseChangesAt("ip-" + FakeInstances.address(500).replace('.', '-') + ".corp.internal");
    Instant started = clock.instant();
    long wallStarted = System.nanoTime();

    Summary summary =
        service().handle(events(ids), Deadline.ofRemaining(Duration.ofSeconds(300), clock));

    long wallMillis = (System.nanoTime() - wallStarted) / 1_000_000;
    Duration simulated = Duration.between(started, clock.instant());
    long refused =
        summary.instances().stream()
            .flatMap(i -> i.alerts().stream())
            .filter(a -> a.kind().equals("RECORD_REFUSED"))
            .count();
    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(refused).isEqualTo(1);
    assertThat(summary.counts().changes()).isEqualTo(1999);
    report(
        String.format(
            "refused name in a batch of 1000: %d Route 53 change requests (2 zones: 2 without the"
                + " refusal), %d changes written, %d refused, simulated %d s of a 300 s budget,"
                + " wall %d ms",
            dns.requests(),
            summary.counts().changes(),
            refused,
            simulated.toSeconds(),
            wallMillis));
  }

  @Test
  void retriesThatWouldOutrunTheBudget_stopAtIt_andHandTheRestBack() throws IOException {
    // 900 instances write to a zone whose requests keep failing, 100 to another: the batch is
    // partly done, so the failed ones are tried again one by one, two requests each.
    FakeInstances tagged = new FakeInstances("no-zone.internal");
    dns.privateZone("dev.internal", FakeInstances.VPC);
    List<InstanceId> ids = new ArrayList<>();
    for (int host = 0; host < 1000; host++) {
      String zone = host < 900 ? "corp.internal" : "dev.internal";
      ids.add(tagged.run(host, Map.of("ZONE", zone)));
      if (host < 900) {
        dns.failChangesAt("ip-" + FakeInstances.address(host).replace('.', '-') + "." + zone);
      }
    }
    Duration budget = Duration.ofSeconds(60);
    Instant started = clock.instant();

    Summary summary = service(tagged).handle(events(ids), Deadline.ofRemaining(budget, clock));

    Duration simulated = Duration.between(started, clock.instant());
    assertThat(simulated).isLessThanOrEqualTo(budget);
    assertThat(summary.failedMessageIds()).hasSize(900);
    assertThat(summary.counts().instances() - summary.counts().failed()).isEqualTo(100);
    report(
        String.format(
            "1000 instances, 900 failing, 60 s budget: %d change requests, simulated %d s (%d s"
                + " without the budget), %d messages handed back, %d done",
            dns.requests(),
            simulated.toSeconds(),
            PER_REQUEST.multipliedBy(2 * 900 + 3).toSeconds(),
            summary.failedMessageIds().size(),
            summary.counts().instances() - summary.counts().failed()));
  }

  @Test
  void theLambdaAnswer_at10000Instances_staysSmall() throws IOException {
    List<InstanceId> ids = launch(10_000);

    Summary summary = service().handle(events(ids));

    byte[] answer =
        Application.objectMapper()
            .writeValueAsBytes(
                Map.of(
                    "batchItemFailures",
                    summary.failedMessageIds().stream()
                        .map(id -> Map.of("itemIdentifier", id))
                        .toList(),
                    "counts",
                    summary.counts()));
    byte[] whole = Application.objectMapper().writeValueAsBytes(summary);
    assertThat(summary.counts().registered()).isEqualTo(10_000);
    assertThat(answer.length).isLessThan(64 * 1024);
    report(
        String.format(
            "Lambda answer at 10000 instances: %d bytes (the whole summary, once answered: %d"
                + " bytes)",
            answer.length, whole.length));
  }

  private List<InstanceId> launch(int count) {
    List<InstanceId> ids = new ArrayList<>();
    for (int host = 0; host < count; host++) {
      ids.add(ec2.run(host, Map.of()));
    }
    return ids;
  }

  private static List<InboundEvent> events(List<InstanceId> ids) {
    List<InboundEvent> events = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      events.add(
          new StateChange(
              "msg-" + i, "evt-" + i, ids.get(i), "running", "123456789012", "us-east-1"));
    }
    return events;
  }

  private DdnsService service() {
    return service(ec2);
  }

  private DdnsService service(FakeInstances instances) {
    Map<String, String> env = new HashMap<>();
    env.put("DDNS_ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:DDNSAlerts");
    FakeAlerts alerts = new FakeAlerts();
    return new DdnsService(
        Config.fromEnvironment(env),
        ddns.fakes.FakePorts.of(
            instances,
            dns,
            registry,
            alerts,
            "arn:aws:sns:us-east-1:123456789012:DDNSAlerts",
            new ddns.fakes.FakeLifecycleActions(),
            java.util.Optional.empty()),
        new JsonLog(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            Application.objectMapper(),
            clock,
            JsonLog.Level.ERROR),
        clock);
  }

  private static void report(String line) throws IOException {
    System.out.println(line);
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Time that moves only when a request is made. */
  private static final class SimulatedClock extends Clock {
    private Instant now = Instant.parse("2026-12-04T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
