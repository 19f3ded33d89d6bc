package ddns.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import ddns.apply.Deadline;
import ddns.deploy.Template;
import ddns.dns.HostedZone;
import ddns.dns.RecordSet;
import ddns.event.InboundEvent;
import ddns.facts.InstanceFacts;
import ddns.facts.Workplace;
import ddns.fakes.FakeDnsZones;
import ddns.fakes.FakeRegistry;
import ddns.sim.AwsSide;
import ddns.sim.Container;
import ddns.sim.LambdaQueue;
import ddns.sim.LandingZone;
import ddns.sim.Latency;
import ddns.sim.Simulation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scheduled reconcile of an organization, 100 accounts × 2 regions × 3 VPCs × 50 instances,
 * through the real {@link DdnsService} on the in-memory fakes, in simulated time: the schedule's
 * invocation hands the work out, one unit per account and region, on the queue; the units run in
 * the template's containers (its {@code MaximumConcurrency}, batch size, batching window, timeout
 * and visibility timeout); every call costs the latency of {@link Latency}, Route 53 requests wait
 * for the container's pacing ({@code DDNS_ROUTE53_RPS}) and spend their account's bucket (50, 10 a
 * second). The landing zone is {@link LandingZone}'s. Three rounds, 15 minutes apart: the backfill
 * of a fleet never seen, a round after churn whose events were lost (one instance stopped and one
 * launched per account and region), and a round with nothing to do.
 *
 * <p>Prints, per round, the units, the longest unit, the total simulated time, the calls and Route
 * 53 requests per account, the DynamoDB read units, and whether every record is right (to {@code
 * target/benchmark.txt}). Asserts correctness: every zone holds exactly the records the landing
 * zone calls for, the registry one item per running instance, and no account's Route 53 bucket ever
 * ran dry (no request throttled). The times are the model's and are printed, not asserted.
 */
@Tag("benchmark")
class OrganizationScaleBenchmarkTest {
  private static final Path REPORT = Path.of("target", "benchmark.txt");
  private static final String CENTRAL = "111100000000";
  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
  private static final int ACCOUNTS = 100;
  private static final int VPCS = 3;
  private static final int PER_VPC = 50;
  private static final Duration PERIOD = Duration.ofMinutes(15);
  private static final Duration GIVE_UP = Duration.ofHours(6);

  private final FakeDnsZones dns = new FakeDnsZones();
  private final LandingZone zone = new LandingZone(CENTRAL, REGIONS, ACCOUNTS, VPCS, PER_VPC, dns);
  private final FakeRegistry registry = new FakeRegistry();
  private final LambdaQueue queue = new LambdaQueue(settings());
  private final AwsSide aws = new AwsSide(zone, dns, registry, queue, 19);
  private final Map<String, String> env = environment();
  private final Container schedule = new Container("schedule", aws, env);
  private final List<Container> containers = new ArrayList<>();
  private Instant end = Simulation.EPOCH;

  @Test
  void anOrganizationsReconcile_handedOutPerAccountAndRegion_getsEveryRecordRight()
      throws Exception {
    for (int i = 0; i < queue.settings().concurrency(); i++) {
      containers.add(new Container("container-" + (i + 1), aws, env));
    }
    report(landingZoneLine());

    Round backfill = round("backfill", 0);
    churn();
    Round churned = round("churn", 1);
    Round steady = round("no drift", 2);

    for (Round r : List.of(backfill, churned, steady)) {
      assertThat(r.wrongZones()).as(r.label() + ": zones not as planned").isEmpty();
      assertThat(r.registered()).as(r.label() + ": instance items").isEqualTo(r.running());
      assertThat(r.throttled()).as(r.label() + ": Route 53 requests throttled").isZero();
      assertThat(r.scheduleFailed()).as(r.label() + ": the hand-out failed").isFalse();
    }
    assertThat(registry.claims()).hasSize(2 * runningCount());
  }

  /** What one round came to; the times are the model's. */
  private record Round(
      String label,
      List<String> wrongZones,
      long throttled,
      boolean scheduleFailed,
      int registered,
      int running) {}

  private Round round(String label, int index) throws Exception {
    Instant start = later(Simulation.EPOCH.plus(PERIOD.multipliedBy(index)), end);
    aws.startCounting();
    queue.startRound(start, start.plus(GIVE_UP));
    Map<String, Long> throttledBefore = throttled();
    long changesBefore = changes();
    Simulation sim = new Simulation();
    Summary[] handOut = new Summary[1];
    Instant[] handedOut = new Instant[1];
    Duration offset = Duration.between(Simulation.EPOCH, start);
    sim.spawn(
        "schedule",
        offset,
        actor -> {
          schedule.runAs(actor);
          if (schedule.firstInvocation()) {
            actor.advance(Latency.COLD_START);
          }
          handOut[0] =
              schedule
                  .service()
                  .handle(
                      List.of(
                          new InboundEvent.Scheduled("schedule", "evt", CENTRAL, REGIONS.get(0))),
                      Deadline.ofRemaining(queue.settings().timeout(), actor.clock()));
          actor.sync();
          handedOut[0] = actor.now();
          queue.producerDone();
        });
    for (Container c : containers) {
      sim.spawn(
          c.name(),
          offset,
          actor -> {
            c.runAs(actor);
            queue.serve(c, actor);
          });
    }
    long wall = System.nanoTime();
    sim.run();
    wall = (System.nanoTime() - wall) / 1_000_000;
    end = later(sim.end(), end);

    Map<String, Long> throttledNow = throttled();
    long throttled =
        throttledNow.entrySet().stream()
            .mapToLong(e -> e.getValue() - throttledBefore.getOrDefault(e.getKey(), 0L))
            .sum();
    Round round =
        new Round(
            label,
            wrongZones(),
            throttled,
            !handOut[0].failedMessageIds().isEmpty(),
            registry.owners().size(),
            runningCount());
    report(
        figures(round, start, handedOut[0], changes() - changesBefore)
            + String.format("  wall time of the simulation: %.1f s%n", wall / 1000.0));
    return round;
  }

  private String figures(Round round, Instant start, Instant handedOut, long changes) {
    List<LambdaQueue.Unit> units = queue.units();
    List<Duration> took = units.stream().map(LambdaQueue.Unit::took).sorted().toList();
    Duration longest = took.isEmpty() ? Duration.ZERO : took.get(took.size() - 1);
    Duration median = took.isEmpty() ? Duration.ZERO : took.get(took.size() / 2);
    Instant done = later(queue.lastDone(), handedOut);
    int workplaces = zone.workplaces().size();
    Map<String, Map<String, Integer>> calls = aws.calls();
    Map<String, Integer> central = calls.getOrDefault(CENTRAL, Map.of());
    List<Map<String, Integer>> members =
        calls.entrySet().stream()
            .filter(e -> !e.getKey().equals(CENTRAL))
            .map(Map.Entry::getValue)
            .toList();
    IntSummaryStatistics memberCalls =
        members.stream().mapToInt(OrganizationScaleBenchmarkTest::sum).summaryStatistics();
    IntSummaryStatistics memberRoute53 =
        members.stream().mapToInt(m -> sum(m, "Route53.")).summaryStatistics();
    double lowestMember =
        aws.route53Buckets().entrySet().stream()
            .filter(e -> !e.getKey().equals(CENTRAL))
            .mapToDouble(e -> e.getValue().lowest())
            .min()
            .orElse(AwsSide.ROUTE53_CAPACITY);
    return String.format(
        "organization scale, %s: %d unit runs of %d units (%d handed back, %d failed),"
            + " %d invocations (%d past the timeout), %d messages redelivered, %d dead letters,"
            + " %d left%n"
            + "  simulated time (the model's): hand-out %.1f s; units: longest %.1f s, median"
            + " %.1f s; whole reconcile %.1f s (the targets: no unit over 60 s, all within 900"
            + " s)%n"
            + "  central account: %d calls, %d of them Route 53 (%s); fewest tokens left %.1f of"
            + " 50%n"
            + "  each member account: %d to %d calls (mean %.1f), %d to %d of them Route 53;"
            + " fewest tokens left %.1f of 50; Route 53 requests throttled, all accounts: %d%n"
            + "  DynamoDB: %d read units, %d Scan pages%n"
            + "  correctness: %d of %d zones exactly as planned, %d record changes; registry %d"
            + " instance items for %d running instances%n",
        round.label(),
        units.size(),
        workplaces,
        queue.sent() - workplaces,
        units.stream().filter(LambdaQueue.Unit::failed).count(),
        queue.invocations(),
        queue.timedOut(),
        queue.redelivered(),
        queue.deadLetters(),
        queue.left(),
        Duration.between(start, handedOut).toMillis() / 1000.0,
        longest.toMillis() / 1000.0,
        median.toMillis() / 1000.0,
        Duration.between(start, done).toMillis() / 1000.0,
        sum(central),
        sum(central, "Route53."),
        central.entrySet().stream()
            .filter(e -> e.getKey().startsWith("Route53."))
            .map(e -> e.getKey().substring("Route53.".length()) + " " + e.getValue())
            .sorted()
            .collect(Collectors.joining(", ")),
        aws.route53(CENTRAL).lowest(),
        memberCalls.getMin(),
        memberCalls.getMax(),
        memberCalls.getAverage(),
        memberRoute53.getMin(),
        memberRoute53.getMax(),
        lowestMember,
        round.throttled(),
        aws.readUnits(),
        central.getOrDefault("DynamoDB.Scan", 0),
        dns.zones().size() - round.wrongZones().size(),
        dns.zones().size(),
        changes,
        round.registered(),
        round.running());
  }

  /** Record changes Route 53 accepted so far. */
  private long changes() {
    return dns.batches().stream().mapToLong(List::size).sum();
  }

  private static int sum(Map<String, Integer> calls) {
    return calls.entrySet().stream()
        .filter(e -> !e.getKey().endsWith("throttled"))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  private static int sum(Map<String, Integer> calls, String prefix) {
    return calls.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  private Map<String, Long> throttled() {
    Map<String, Long> refused = new HashMap<>();
    aws.route53Buckets().forEach((account, bucket) -> refused.put(account, bucket.refused()));
    return refused;
  }

  /**
   * One instance stops and one is launched in every workplace, and their events are lost: only the
   * reconcile can see it.
   */
  private void churn() {
    Map<Workplace, String> firstVpc = new TreeMap<>(Comparator.comparing(Workplace::toString));
    for (String vpcId : zone.vpcIds()) {
      Workplace where = Workplace.split(vpcId).workplace().orElse(zone.home());
      firstVpc.putIfAbsent(where, vpcId);
    }
    firstVpc.forEach(
        (where, vpcId) -> {
          InstanceFacts victim = zone.running(where).get(0);
          zone.stop(victim.instanceId());
          int r = REGIONS.indexOf(where.region());
          zone.launch(where, vpcId, zone.accountOf(vpcId), 64 * r, 10 + PER_VPC);
        });
  }

  /** Zones whose records differ from what the landing zone calls for, with the first difference. */
  private List<String> wrongZones() {
    Map<String, Map<String, RecordSet>> expected = zone.expected();
    List<String> wrong = new ArrayList<>();
    for (HostedZone z : dns.zones()) {
      Map<String, RecordSet> want = expected.getOrDefault(z.name().value(), Map.of());
      Map<String, RecordSet> have = new TreeMap<>();
      dns.recordsIn(z.id()).forEach(r -> have.put(r.name().value() + " " + r.type(), r));
      if (!have.equals(want)) {
        wrong.add(z.name() + " (" + have.size() + " record sets, " + want.size() + " expected)");
      }
    }
    return wrong;
  }

  private int runningCount() {
    return zone.workplaces().stream().mapToInt(w -> zone.running(w).size()).sum();
  }

  private String landingZoneLine() {
    return String.format(
        "organization scale: %d workload accounts + the central one, %d regions, %d VPCs each, %d"
            + " instances a VPC (%d instances, %d workplaces); %d private zones in the central"
            + " account (a forward and a reverse zone per account, %d records each);"
            + " DDNS_ACCOUNT_ZONES is %d characters (Lambda allows 4 KB for all variables);"
            + " containers %d, batch %d, window %d s, timeout %d s, visibility %d s,"
            + " DDNS_ROUTE53_RPS %s; model: %s%n",
        ACCOUNTS,
        REGIONS.size(),
        VPCS,
        PER_VPC,
        zone.instanceCount(),
        zone.workplaces().size(),
        dns.zones().size(),
        REGIONS.size() * VPCS * PER_VPC,
        env.get("DDNS_ACCOUNT_ZONES").length(),
        queue.settings().concurrency(),
        queue.settings().batchSize(),
        queue.settings().window().toSeconds(),
        queue.settings().timeout().toSeconds(),
        queue.settings().visibility().toSeconds(),
        env.get("DDNS_ROUTE53_RPS"),
        Latency.describe());
  }

  /** The stack's settings for an organization, each account kept to its own two zones. */
  private static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("DDNS_ACCOUNTS", "organization");
    env.put("DDNS_REGIONS", REGIONS.get(1));
    env.put("DDNS_ROUTE53_RPS", Template.read().defaultOf("Route53RequestsPerSecond"));
    env.put("DDNS_LOG_LEVEL", "INFO");
    List<String> zones = new ArrayList<>();
    for (int k = 1; k <= ACCOUNTS; k++) {
      zones.add(
          LandingZone.account(k)
              + "="
              + LandingZone.zoneName(k)
              + ","
              + LandingZone.reverseZoneName(k));
    }
    env.put("DDNS_ACCOUNT_ZONES", String.join(";", zones));
    return env;
  }

  /** The event queue's mapping and the function as template.yaml sets them by default. */
  private static LambdaQueue.Settings settings() {
    Template template = Template.read();
    int timeout = Integer.parseInt(template.defaultOf("Timeout"));
    JsonNode visibility;
    try {
      visibility =
          new ObjectMapper(new YAMLFactory())
              .readTree(new File("template.yaml"))
              .path("Mappings")
              .path("QueueVisibility")
              .path(String.valueOf(timeout))
              .path("Seconds");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new LambdaQueue.Settings(
        Integer.parseInt(template.defaultOf("MaximumConcurrency")),
        Integer.parseInt(template.defaultOf("BatchSize")),
        Duration.ofSeconds(Integer.parseInt(template.defaultOf("BatchingWindowSeconds"))),
        Duration.ofSeconds(timeout),
        Duration.ofSeconds(visibility.asInt()),
        Integer.parseInt(template.defaultOf("MaxReceiveCount")));
  }

  private static Instant later(Instant a, Instant b) {
    return b == null || a.isAfter(b) ? a : b;
  }

  private static void report(String line) throws IOException {
    System.out.print(line);
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
