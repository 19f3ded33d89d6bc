package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ddns.app.Application;
import ddns.aws.Retries;
import ddns.config.Config;
import ddns.deploy.Template;
import ddns.dns.RecordType;
import ddns.faults.Rules;
import ddns.run.Summary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An Auto Scaling scale-out against Route 53's account-wide budget. N instances start at once;
 * their running events are fed through an emulated SQS poller with the template's defaults (batch
 * size, maximum concurrency, receive count before the dead-letter queue; a failed message comes
 * back), each concurrent slot a warm container with the production retry strategy and Route 53
 * pacing; Route 53 stands behind a token bucket in the test proxy that answers {@code Throttling}
 * as the account limit does. Prints Route 53 requests, throttled answers, invocations,
 * redeliveries, dead letters and wall time to {@code target/benchmark.txt}. A benchmark: it asserts
 * correctness, never time. Run with {@code make bench}.
 */
@Tag("benchmark")
class BurstBenchmarkTest extends FaultTestBase {
  private static final Path REPORT = Path.of("target", "benchmark.txt");
  private static final int SHARED_NAMES = 10;

  @ParameterizedTest(name = "{0} instances, Route 53 refilled at {1}/s")
  @CsvSource({"200, 10", "1000, 10", "1000, 2"})
  void aScaleOut_staysInsideRoute53sBudget_andEndsCorrect(int size, double refill)
      throws Exception {
    Site site = site();
    int aliased = size / 10;
    for (int k = 0; k < SHARED_NAMES; k++) {
      world.launchMany(
          site.subnet(), aliased / SHARED_NAMES, Map.of("CNAME", "app-" + k + ".corp.internal"));
    }
    world.launchMany(site.subnet(), size - aliased, Map.of());
    List<String> ids = instanceIds();
    assertThat(ids).hasSize(size);
    String zone = site.zone();

    Template template = Template.read();
    int batchSize = Integer.parseInt(template.defaultOf("BatchSize"));
    int concurrency = Integer.parseInt(template.defaultOf("MaximumConcurrency"));
    Poller poller = pacedPoller(template, ids, batchSize, refill);
    long start = System.nanoTime();
    poller.run(concurrency, this::container);
    double seconds = (System.nanoTime() - start) / 1e9;

    long route53 = proxy.calls().stream().filter(c -> c.service().equals("route53")).count();
    int throttled = proxy.injected().getOrDefault("Throttling", 0);
    String line =
        String.format(
            "burst fleet=%d  Route 53 refill=%.0f/s  batch=%d concurrency=%d  invocations=%d"
                + " (failed %d)  redeliveries=%d  dead letters=%d  Route 53 requests=%d"
                + " (throttled %d, %.1f%%)  wall=%.1f s%n",
            size,
            refill,
            batchSize,
            concurrency,
            poller.invocations.get(),
            poller.failedInvocations.get(),
            poller.redeliveries.get(),
            poller.deadLetters.size(),
            route53,
            throttled,
            route53 == 0 ? 0 : 100.0 * throttled / route53,
            seconds);
    report(line);

    assertThat(poller.deadLetters).as("dead letters").isEmpty();
    assertThat(world.records(zone))
        .as("an A record each, and the ten shared aliases")
        .hasSize(size + SHARED_NAMES);
    int pointers = 0;
    for (var z : world.route53.listHostedZonesPaginator().hostedZones()) {
      if (z.name().endsWith(".in-addr.arpa.")) {
        assertThat(world.zoneIdsNamed(z.name())).as("one zone named %s", z.name()).hasSize(1);
        pointers +=
            (int)
                world.records(z.id().replace("/hostedzone/", "")).stream()
                    .filter(r -> r.type() == RecordType.PTR)
                    .count();
      }
    }
    assertThat(pointers).isEqualTo(size);
  }

  /**
   * An Auto Scaling group whose instances all join one pool, delivered in batches small enough for
   * the two concurrent containers to join at the same time: Route 53 applies each change batch
   * against the zone as it is (the proxy keeps that rule), so a join written from a stale read is
   * refused and planned again. Prints the stale refusals; asserts that no member is lost.
   */
  @ParameterizedTest(name = "{0} pool members, batches of {1}")
  @CsvSource({"200, 10", "200, 1000"})
  void aPoolScaleOut_losesNoMember(int size, int batchSize) throws Exception {
    Site site = site();
    world.launchMany(site.subnet(), size, Map.of("POOL", "web"));
    List<String> ids = instanceIds();
    String zone = site.zone();
    Template template = Template.read();
    int concurrency = Integer.parseInt(template.defaultOf("MaximumConcurrency"));
    proxy.strictRecordChanges(world.route53);
    Poller poller = pacedPoller(template, ids, batchSize, 10);
    long start = System.nanoTime();
    poller.run(concurrency, this::container);
    double seconds = (System.nanoTime() - start) / 1e9;

    long route53 = proxy.calls().stream().filter(c -> c.service().equals("route53")).count();
    int stale = proxy.injected().getOrDefault("InvalidChangeBatch (emulated)", 0);
    List<String> members =
        world.records(zone).stream()
            .filter(r -> r.name().value().equals("web.corp.internal."))
            .flatMap(r -> r.values().stream())
            .toList();
    String line =
        String.format(
            "pool fleet=%d  batch=%d concurrency=%d  invocations=%d (failed %d)  redeliveries=%d"
                + "  dead letters=%d  Route 53 requests=%d (stale writes refused %d)  pool"
                + " members=%d  wall=%.1f s%n",
            size,
            batchSize,
            concurrency,
            poller.invocations.get(),
            poller.failedInvocations.get(),
            poller.redeliveries.get(),
            poller.deadLetters.size(),
            route53,
            stale,
            members.size(),
            seconds);
    report(line);

    assertThat(poller.deadLetters).as("dead letters").isEmpty();
    assertThat(members).as("every member in the pool").hasSize(size);
  }

  /** A fresh account's burst site: a VPC with its DHCP domain's zone, and a large subnet. */
  private record Site(String subnet, String zone) {}

  private Site site() {
    freshStart();
    var net = world.network("10.0.0.0/16", "corp.internal", true);
    String subnet =
        world
            .ec2
            .createSubnet(r -> r.vpcId(net.vpcId()).cidrBlock("10.0.64.0/18"))
            .subnet()
            .subnetId();
    return new Site(subnet, world.privateZone("corp.internal", net.vpcId()));
  }

  private List<String> instanceIds() {
    List<String> ids = new ArrayList<>();
    world
        .ec2
        .describeInstancesPaginator(r -> r.maxResults(1000))
        .reservations()
        .forEach(res -> res.instances().forEach(i -> ids.add(i.instanceId())));
    return ids;
  }

  /**
   * The running events queued for the emulated SQS poller, with the template's receive count,
   * behind the template's Route 53 pace and the account's bucket (refilled at {@code refill} a
   * second); the proxy's calls counted from here.
   */
  private Poller pacedPoller(Template template, List<String> ids, int batchSize, double refill)
      throws IOException {
    env.put("DDNS_ROUTE53_RPS", template.defaultOf("Route53RequestsPerSecond"));
    proxy.add(Rules.onePrivateZoneOfANamePerVpc());
    proxy.add(Rules.route53Budget(50, refill));
    proxy.clearCalls();
    return new Poller(
        events(ids), batchSize, Integer.parseInt(template.defaultOf("MaxReceiveCount")));
  }

  private static void report(String line) throws IOException {
    System.out.print(line);
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private List<String> events(List<String> ids) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> events = new ArrayList<>();
    for (String id : ids) {
      ObjectNode event = (ObjectNode) json.readTree(Events.stateChange(id, "running"));
      event.put("time", Instant.now().toString());
      events.add(event.toString());
    }
    return events;
  }

  /** A warm Lambda container: the production retries and pacing, logs discarded. */
  private Application container() {
    Config config = Config.fromEnvironment(env);
    return new Application(
        config,
        Application.clients(config, awsSettings(), Retries.standard()),
        new PrintStream(OutputStream.nullOutputStream()));
  }

  /** SQS in front of Lambda: batches, concurrent slots, redelivery, the dead-letter queue. */
  private static final class Poller {
    private final Deque<Message> queue = new ArrayDeque<>();
    private final int batchSize;
    private final int maxReceive;
    final AtomicInteger invocations = new AtomicInteger();
    final AtomicInteger failedInvocations = new AtomicInteger();
    final AtomicInteger redeliveries = new AtomicInteger();
    final List<String> deadLetters = new ArrayList<>();
    private int inFlight;

    private record Message(String body, int received) {}

    Poller(List<String> bodies, int batchSize, int maxReceive) {
      bodies.forEach(b -> queue.add(new Message(b, 0)));
      this.batchSize = batchSize;
      this.maxReceive = maxReceive;
    }

    void run(int concurrency, java.util.function.Supplier<Application> containers)
        throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      try {
        List<Future<?>> slots = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
          slots.add(
              pool.submit(
                  () -> {
                    try (Application app = containers.get()) {
                      for (List<Message> batch = take(); !batch.isEmpty(); batch = take()) {
                        deliver(app, batch);
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> slot : slots) {
          slot.get();
        }
      } finally {
        pool.shutdown();
      }
    }

    /** The next batch; empty only when the queue is empty and nothing can come back. */
    private synchronized List<Message> take() throws InterruptedException {
      while (queue.isEmpty() && inFlight > 0) {
        wait();
      }
      List<Message> batch = new ArrayList<>();
      while (!queue.isEmpty() && batch.size() < batchSize) {
        batch.add(queue.poll());
      }
      inFlight += batch.isEmpty() ? 0 : 1;
      return batch;
    }

    private void deliver(Application app, List<Message> batch) {
      invocations.incrementAndGet();
      List<String> bodies = batch.stream().map(Message::body).toList();
      Summary summary = app.handle(app.decode(Events.sqsBatch(bodies)));
      Map<String, Message> byId = new HashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        byId.put("msg-" + i, batch.get(i));
      }
      if (!summary.failedMessageIds().isEmpty()) {
        failedInvocations.incrementAndGet();
      }
      synchronized (this) {
        for (String failed : summary.failedMessageIds()) {
          Message m = byId.get(failed);
          if (m.received() + 1 >= maxReceive) {
            deadLetters.add(m.body());
          } else {
            queue.add(new Message(m.body(), m.received() + 1));
            redeliveries.incrementAndGet();
          }
        }
        inFlight--;
        notifyAll();
      }
    }
  }
}
