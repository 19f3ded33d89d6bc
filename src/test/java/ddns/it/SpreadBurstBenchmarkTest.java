package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ddns.app.Application;
import ddns.aws.Retries;
import ddns.config.Config;
import ddns.deploy.Template;
import ddns.faults.FaultProxy;
import ddns.faults.Rules;
import ddns.handler.DdnsHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst as AWS delivers it: N instances (one in ten sharing one of ten CNAMEs) are launched up
 * front, and their running events reach the event queue one after another over the spread time, in
 * real time, as an Auto Scaling group's instances reach {@code running}; the function handles them
 * as the template's event source mapping drives it; Route 53 stands behind the account's token
 * bucket (50 requests, refilled at 10 a second) in the test proxy. Run in two modes: warm
 * containers (each poller's container is one {@link DdnsHandler} on one {@link Application}, built
 * on its first batch and kept for every later one, as a Lambda container is) and cold processes
 * (each invocation a {@code ddns handle} process of its own given the batch as an SQS event file).
 * Prints Route 53 requests in all and by operation, throttled and refused answers, the other AWS
 * calls by service, invocations, failed messages and dead letters, time to DNS (p50, p95, max) and
 * wall time to {@code target/benchmark.txt}; asserts that every record is right and nothing extra,
 * nothing throttled, no message failed. A benchmark: it asserts no count and no time.
 *
 * <p>Set with {@code -Dddns.spread.instances=1000} (N), {@code -Dddns.spread.seconds=120} (the
 * spread) and {@code -Dddns.spread.seed=1}. Arrival k (of N, in an order shuffled by the seed) is
 * enqueued at {@code (k + u) * spread / N} with {@code u} drawn from the seed in [0, 1): even, with
 * jitter, and the same for the same seed. The event's {@code time} is its enqueueing.
 *
 * <p>Modelled, with the template's defaults read from {@code template.yaml}: {@code
 * MaximumConcurrency} pollers, each invoking at most one batch at a time; an idle poller waits for
 * the first visible message, then keeps receiving until {@code BatchingWindowSeconds} have passed
 * since that first message or it holds {@code BatchSize} messages, then invokes; while two pollers
 * gather at once, each arriving message goes to one of them, whichever takes it first. A message
 * reported in {@code batchItemFailures} (or every message of a batch whose invocation failed) comes
 * back after a visibility timeout shortened to 1 s (the template's is 2,100 s), and after {@code
 * MaxReceiveCount} receives goes to the dead letters. Route 53's pace per process is the template's
 * {@code Route53RequestsPerSecond}; the proxy keeps Route 53's account bucket, its refusal of a
 * second private zone of a name for a VPC, and its rule that a change batch applies to the zone as
 * it is (a CREATE of an existing name or a DELETE of other values is refused). Time to DNS is from
 * a message's first enqueueing to the end of the invocation that handled it.
 *
 * <p>Not modelled: SQS's own latency (a long poll's return, the delay before a sent message is
 * visible), the 6 MB payload limit (1,000 events are about 1.5 MB), Lambda's scaling of pollers and
 * the start of a container (SnapStart restore, or the class loading of a first invocation beyond
 * what the test JVM has already loaded), EventBridge's delivery delay, Route 53's {@code PENDING}
 * time before a change is served (the emulator answers {@code INSYNC} at once), and the other
 * callers of the account's bucket. A cold process runs {@code ddns.cli.Main} on the test's class
 * path (as {@link CliProcess} does), without {@code bin/ddns}'s JVM flags and class cache, so its
 * start-up is slower than {@code bin/ddns}'s. Which of two gathering pollers receives a message
 * depends on thread scheduling, so batch sizes and counts vary a little between runs.
 */
@Tag("benchmark")
class SpreadBurstBenchmarkTest extends FaultTestBase {
  private static final Path REPORT = Path.of("target", "benchmark.txt");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int INSTANCES = Integer.getInteger("ddns.spread.instances", 1000);
  private static final double SPREAD_SECONDS =
      Double.parseDouble(System.getProperty("ddns.spread.seconds", "120"));
  private static final long SEED = Long.getLong("ddns.spread.seed", 1);
  private static final int SHARED_NAMES = 10;
  private static final int BUCKET = 50;
  private static final double REFILL_PER_SECOND = 10;
  private static final Duration VISIBILITY = Duration.ofSeconds(1);

  @TempDir Path dir;

  /** The function's timeout: what an invocation's context starts with, a process's limit. */
  private int timeoutMillis;

  @Test
  void warmContainers_endCorrect_withNothingThrottledAndNoMessageFailed() throws Exception {
    run("warm containers", this::warmContainer, false);
  }

  @Test
  void coldProcesses_endCorrect_withNothingThrottledAndNoMessageFailed() throws Exception {
    run("a process per invocation", this::coldProcesses, false);
  }

  /**
   * The same with one reverse zone covering the fleet's addresses (an operator's {@code
   * 0.10.in-addr.arpa}, as docs/behaviour.md "Reverse zones" suggests for large fleets), so an
   * invocation writes two zones instead of five: Route 53 takes one change request per zone.
   */
  @Test
  void warmContainers_withACoveringReverseZone_endCorrect() throws Exception {
    run("warm containers, covering reverse zone", this::warmContainer, true);
  }

  @Test
  void coldProcesses_withACoveringReverseZone_endCorrect() throws Exception {
    run("a process per invocation, covering reverse zone", this::coldProcesses, true);
  }

  private void run(String mode, Supplier<WindowedPoller.Container> containers, boolean covering)
      throws Exception {
    Fleet fleet = launch(covering);
    Template template = Template.read();
    WindowedPoller.Settings settings =
        new WindowedPoller.Settings(
            Integer.parseInt(template.defaultOf("MaximumConcurrency")),
            Integer.parseInt(template.defaultOf("BatchSize")),
            Duration.ofSeconds(Integer.parseInt(template.defaultOf("BatchingWindowSeconds"))),
            Integer.parseInt(template.defaultOf("MaxReceiveCount")),
            VISIBILITY);
    env.put("DDNS_ROUTE53_RPS", template.defaultOf("Route53RequestsPerSecond"));
    timeoutMillis = 1000 * Integer.parseInt(template.defaultOf("Timeout"));
    proxy.add(Rules.onePrivateZoneOfANamePerVpc());
    proxy.add(Rules.route53Budget(BUCKET, REFILL_PER_SECOND));
    proxy.strictRecordChanges(world.route53);
    proxy.clearCalls();
    WindowedPoller poller = new WindowedPoller(settings, fleet.ids().size());
    double loadBefore = load();
    long start = System.nanoTime();
    ScheduledExecutorService arrivals = spread(fleet.ids(), poller);
    WindowedPoller.Outcome outcome;
    try {
      outcome = poller.run(containers, Duration.ofSeconds((long) SPREAD_SECONDS).plusMinutes(20));
    } finally {
      arrivals.shutdownNow();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    List<FaultProxy.Call> calls = proxy.calls();
    Correctness correct = converged(fleet);
    report(mode, settings, outcome, calls, wall, loadBefore, correct);

    if (correct.error() != null) {
      throw correct.error();
    }
    assertThat(proxy.injected().getOrDefault("Throttling", 0)).as("throttled answers").isZero();
    assertThat(outcome.errors()).as("failed invocations").isEmpty();
    assertThat(outcome.failedMessages()).as("failed messages").isZero();
    assertThat(outcome.deadLetters()).as("dead letters").isEmpty();
    assertThat(outcome.timesToDns()).as("messages handled").hasSize(fleet.ids().size());
  }

  /**
   * The burst: its DHCP domain's zone, the covering reverse zone if any, the instances launched.
   */
  private record Fleet(String zone, Optional<String> covering, List<String> ids) {}

  /**
   * A fresh account: a VPC with domain corp.internal and its zone, a /18, the instances; with
   * {@code covering}, a reverse zone for the VPC's whole /16 too.
   */
  private Fleet launch(boolean covering) {
    freshStart();
    var net = world.network("10.0.0.0/16", "corp.internal", true);
    String subnet =
        world
            .ec2
            .createSubnet(r -> r.vpcId(net.vpcId()).cidrBlock("10.0.64.0/18"))
            .subnet()
            .subnetId();
    String zone = world.privateZone("corp.internal", net.vpcId());
    Optional<String> reverse =
        covering
            ? Optional.of(world.privateZone("0.10.in-addr.arpa", net.vpcId()))
            : Optional.empty();
    List<String> ids = new ArrayList<>();
    int aliased = INSTANCES / 10;
    for (int k = 0; k < SHARED_NAMES; k++) {
      ids.addAll(
          world.launchMany(
              subnet, aliased / SHARED_NAMES, Map.of("CNAME", "app-" + k + ".corp.internal")));
    }
    ids.addAll(world.launchMany(subnet, INSTANCES - ids.size(), Map.of()));
    return new Fleet(zone, reverse, ids);
  }

  /**
   * Schedules each instance's running event into the poller, in an order and at offsets drawn from
   * the seed, within the spread.
   */
  private static ScheduledExecutorService spread(List<String> ids, WindowedPoller poller)
      throws IOException {
    Random random = new Random(SEED);
    List<String> order = new ArrayList<>(ids);
    Collections.shuffle(order, random);
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    double slotNanos = SPREAD_SECONDS * 1e9 / order.size();
    for (int k = 0; k < order.size(); k++) {
      ObjectNode event = (ObjectNode) JSON.readTree(Events.stateChange(order.get(k), "running"));
      long at = (long) ((k + random.nextDouble()) * slotNanos);
      clock.schedule(
          () -> poller.add(event.put("time", Instant.now().toString()).toString()),
          at,
          TimeUnit.NANOSECONDS);
    }
    return clock;
  }

  /** A warm Lambda container: the handler on one application, production retries and pace. */
  private WindowedPoller.Container warmContainer() {
    Config config = Config.fromEnvironment(env);
    Application app =
        new Application(
            config,
            Application.clients(config, awsSettings(), Retries.standard()),
            new PrintStream(OutputStream.nullOutputStream()));
    DdnsHandler handler = new DdnsHandler(app);
    AtomicInteger requests = new AtomicInteger();
    return new WindowedPoller.Container() {
      @Override
      public List<String> invoke(String sqsBatch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(
            new ByteArrayInputStream(sqsBatch.getBytes(StandardCharsets.UTF_8)),
            out,
            new LambdaContext("req-" + requests.incrementAndGet(), "1", timeoutMillis));
        List<String> failed = new ArrayList<>();
        JSON.readTree(out.toByteArray())
            .path("batchItemFailures")
            .forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        return failed;
      }

      @Override
      public void close() {
        app.close();
      }
    };
  }

  /** Each invocation a {@code ddns handle --event FILE} process of its own. */
  private WindowedPoller.Container coldProcesses() {
    return new WindowedPoller.Container() {
      @Override
      public List<String> invoke(String sqsBatch) throws Exception {
        Path event = Files.createTempFile(dir, "batch", ".json");
        Files.writeString(event, sqsBatch);
        Process process = CliProcess.start(cliEnvironment(), "handle", "--event", event.toString());
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("ddns handle ran past the function's timeout");
        }
        Files.delete(event);
        if (process.exitValue() != 0 && process.exitValue() != 1) {
          throw new IllegalStateException("ddns handle exited " + process.exitValue());
        }
        List<String> failed = new ArrayList<>();
        JSON.readTree(out).path("failedMessageIds").forEach(id -> failed.add(id.asText()));
        return failed;
      }

      @Override
      public void close() {}
    };
  }

  /** Whether DNS and the registry hold exactly what the fleet needs; the error if not. */
  private record Correctness(int recordSets, AssertionError error) {}

  private Correctness converged(Fleet fleet) {
    try {
      List<String> names = new ArrayList<>();
      Map<String, String> reverse = new TreeMap<>();
      for (var z : world.route53.listHostedZonesPaginator().hostedZones()) {
        names.add(z.name());
        if (z.name().endsWith(".in-addr.arpa.")) {
          reverse.put(z.name(), z.id().replace("/hostedzone/", ""));
        }
      }
      assertThat(names).as("hosted zones").doesNotHaveDuplicates();
      Converged converged =
          fleet.covering().isPresent()
              ? new Converged(world, fleet.zone(), fleet.covering().get())
              : Converged.acrossReverseZones(world, fleet.zone(), reverse);
      int checked = converged.check(fleet.ids());
      return new Correctness(checked, null);
    } catch (AssertionError e) {
      return new Correctness(0, e);
    } catch (RuntimeException e) {
      return new Correctness(0, new AssertionError("the end state could not be read", e));
    }
  }

  private void report(
      String mode,
      WindowedPoller.Settings settings,
      WindowedPoller.Outcome outcome,
      List<FaultProxy.Call> calls,
      double wall,
      double loadBefore,
      Correctness correct)
      throws IOException {
    Map<String, Long> route53 = count(calls, true, FaultProxy.Call::operation);
    long requests = route53.values().stream().mapToLong(Long::longValue).sum();
    List<WindowedPoller.Invocation> invocations = outcome.invocations();
    List<Double> sizes = sorted(invocations.stream().map(i -> (double) i.messages()).toList());
    List<Double> durations = sorted(invocations.stream().map(i -> i.seconds()).toList());
    List<Double> toDns = sorted(outcome.timesToDns());
    String line =
        String.format(
            "spread burst, %s: fleet=%d over %.0f s (seed %d)  window=%d s batch<=%d"
                + " concurrency=%d  invocations=%d (failed %d; messages p50=%.0f max=%.0f;"
                + " function p50=%.1f s max=%.1f s)  failed messages=%d redeliveries=%d dead"
                + " letters=%d  Route 53 requests=%d (%.1f per invocation) %s  injected=%s"
                + "  other AWS calls=%s  time to DNS p50=%.1f s p95=%.1f s max=%.1f s"
                + "  wall=%.1f s  load %.1f -> %.1f  correct=%s%n"
                + "  other AWS calls by operation: %s%n",
            mode,
            INSTANCES,
            SPREAD_SECONDS,
            SEED,
            settings.window().toSeconds(),
            settings.batchSize(),
            settings.concurrency(),
            invocations.size(),
            invocations.stream().filter(WindowedPoller.Invocation::failed).count(),
            percentile(sizes, 50),
            percentile(sizes, 100),
            percentile(durations, 50),
            percentile(durations, 100),
            outcome.failedMessages(),
            outcome.redeliveries(),
            outcome.deadLetters().size(),
            requests,
            invocations.isEmpty() ? 0.0 : (double) requests / invocations.size(),
            route53,
            proxy.injected(),
            count(calls, false, FaultProxy.Call::service),
            percentile(toDns, 50),
            percentile(toDns, 95),
            percentile(toDns, 100),
            wall,
            loadBefore,
            load(),
            correct.error() == null ? "yes (" + correct.recordSets() + " record sets)" : "NO",
            count(calls, false, FaultProxy.Call::toString));
    System.out.print(line);
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The calls to Route 53 (or, with {@code route53} false, to the rest), counted by a key. */
  private static Map<String, Long> count(
      List<FaultProxy.Call> calls,
      boolean route53,
      java.util.function.Function<FaultProxy.Call, String> key) {
    return calls.stream()
        .filter(c -> c.service().equals("route53") == route53)
        .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  private static List<Double> sorted(List<Double> values) {
    return values.stream().sorted().toList();
  }

  /** The nearest-rank percentile of sorted values; 0 when there are none. */
  private static double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  /** The machine's load average over the last minute (other builds share it). */
  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
