package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ddns.app.Application;
import ddns.aws.Retries;
import ddns.config.Config;
import ddns.deploy.Template;
import ddns.faults.ChangeStatusEmulation;
import ddns.faults.LifecycleActionsEmulation.Completion;
import ddns.faults.Rules;
import ddns.run.Summary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An Auto Scaling scale-out through launch hooks: 200 instances held in {@code Pending:Wait} at
 * once, their lifecycle events fed through an emulated SQS poller with the template's defaults
 * (batch size, maximum concurrency, Route 53 pace, the account's Route 53 bucket in the proxy), the
 * function's follow-up messages going back into it after their delay. Route 53 answers each change
 * {@code PENDING} for 30 s after it was accepted, then {@code INSYNC}. Asserts that every action is
 * completed once, none before Route 53 served its records; prints the Route 53 requests by
 * operation and the time from hook to {@code CONTINUE} (p50, p95). A benchmark: it waits out the 30
 * s in real time, so it runs with {@code make bench} only.
 */
@Tag("benchmark")
class LifecycleBenchmarkTest extends FaultTestBase {
  private static final Path REPORT = Path.of("target", "benchmark.txt");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration IN_SYNC_AFTER = Duration.ofSeconds(30);
  private static final int SIZE = 200;

  @Test
  void twoHundredLaunchHooks_eachCompletedOnce_noneBeforeInSync() throws Exception {
    freshStart();
    var net = world.network("10.0.0.0/16", "corp.internal", true);
    String subnet =
        world
            .ec2
            .createSubnet(r -> r.vpcId(net.vpcId()).cidrBlock("10.0.64.0/18"))
            .subnet()
            .subnetId();
    world.privateZone("corp.internal", net.vpcId());
    world.launchMany(subnet, SIZE, Map.of());
    List<String> ids = new ArrayList<>();
    world
        .ec2
        .describeInstancesPaginator(r -> r.maxResults(1000))
        .reservations()
        .forEach(res -> res.instances().forEach(i -> ids.add(i.instanceId())));
    assertThat(ids).hasSize(SIZE);

    Template template = Template.read();
    env.put("DDNS_ROUTE53_RPS", template.defaultOf("Route53RequestsPerSecond"));
    env.put("DDNS_QUEUE_URL", world.sqs.createQueue(r -> r.queueName("ddns-events")).queueUrl());
    ChangeStatusEmulation status =
        proxy.changeStatus((asked, since) -> since.compareTo(IN_SYNC_AFTER) < 0);
    proxy.add(Rules.onePrivateZoneOfANamePerVpc());
    proxy.add(Rules.route53Budget(50, 10));
    Poller poller =
        new Poller(
            Integer.parseInt(template.defaultOf("BatchSize")),
            Integer.parseInt(template.defaultOf("MaxReceiveCount")));
    // The function's follow-ups go to the emulator's queue as sent; the poller delivers them
    // after their delay, as SQS does.
    proxy.add(
        call -> {
          if (call.operation().equals("SendMessage")) {
            JsonNode sent = read(call.body());
            poller.add(
                sent.path("MessageBody").asText(),
                Duration.ofSeconds(sent.path("DelaySeconds").asInt()));
          }
          return null;
        });
    Map<String, Long> heldAt = new HashMap<>();
    for (String id : ids) {
      String token = "token-" + id;
      proxy.lifecycleActions().open(token, "web", "route53-ddns-launch", id);
      heldAt.put(token, System.nanoTime());
      poller.add(
          Events.lifecycle(
              "lifecycle-launch.json",
              id,
              token,
              Map.of("LifecycleHookName", "route53-ddns-launch", "AutoScalingGroupName", "web")),
          Duration.ZERO);
    }
    proxy.clearCalls();

    long start = System.nanoTime();
    poller.run(Integer.parseInt(template.defaultOf("MaximumConcurrency")), this::container);
    double seconds = (System.nanoTime() - start) / 1e9;

    List<Completion> done = proxy.lifecycleActions().completions();
    Map<String, Long> byOperation = new TreeMap<>();
    proxy.calls().stream()
        .filter(c -> c.service().equals("route53"))
        .forEach(c -> byOperation.merge(c.operation(), 1L, Long::sum));
    List<Double> waits =
        done.stream()
            .map(c -> (c.nanos() - heldAt.get(c.action().token())) / 1e9)
            .sorted()
            .toList();
    String line =
        String.format(
            "lifecycle fleet=%d  INSYNC after %d s  invocations=%d (failed %d)  follow-ups=%d"
                + "  heartbeats=%d  completed=%d (refused %d)  dead letters=%d  Route 53"
                + " requests=%d %s  hook to CONTINUE p50=%.1f s p95=%.1f s max=%.1f s"
                + "  wall=%.1f s%n",
            SIZE,
            IN_SYNC_AFTER.toSeconds(),
            poller.invocations.get(),
            poller.failedInvocations.get(),
            poller.followUps.get(),
            proxy.lifecycleActions().heartbeats().values().stream().mapToInt(i -> i).sum(),
            done.size(),
            proxy.lifecycleActions().refused(),
            poller.deadLetters.size(),
            byOperation.values().stream().mapToLong(l -> l).sum(),
            byOperation,
            percentile(waits, 50),
            percentile(waits, 95),
            waits.isEmpty() ? 0 : waits.get(waits.size() - 1),
            seconds);
    System.out.print(line);
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

    assertThat(poller.deadLetters).as("dead letters").isEmpty();
    assertThat(done).as("every action completed once").hasSize(SIZE);
    assertThat(done.stream().map(c -> c.action().token()).distinct()).hasSize(SIZE);
    assertThat(done).allSatisfy(c -> assertThat(c.result()).isEqualTo("CONTINUE"));
    for (Completion c : done) {
      for (String change : poller.changesOf(c.action().instanceId())) {
        assertThat(status.changes().get(change).inSyncAt())
            .as("%s completed after %s was INSYNC", c.action().instanceId(), change)
            .isBetween(0, c.order());
      }
    }
  }

  private static double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A warm Lambda container: the production retries and pacing, logs discarded. */
  private Application container() {
    Config config = Config.fromEnvironment(env);
    return new Application(
        config,
        Application.clients(config, awsSettings(), Retries.standard()),
        new PrintStream(OutputStream.nullOutputStream()));
  }

  /** SQS in front of Lambda: delayed messages, batches, concurrent slots, redelivery. */
  private static final class Poller {
    private record Message(String body, long visibleAt, int received) {}

    private final PriorityQueue<Message> queue =
        new PriorityQueue<>((a, b) -> Long.compare(a.visibleAt(), b.visibleAt()));
    private final int batchSize;
    private final int maxReceive;
    private final Map<String, List<String>> changesOf = new HashMap<>();
    final AtomicInteger invocations = new AtomicInteger();
    final AtomicInteger failedInvocations = new AtomicInteger();
    final AtomicInteger followUps = new AtomicInteger();
    final List<String> deadLetters = new ArrayList<>();
    private int inFlight;

    Poller(int batchSize, int maxReceive) {
      this.batchSize = batchSize;
      this.maxReceive = maxReceive;
    }

    /** A message, delivered once its delay has passed. */
    synchronized void add(String body, Duration delay) {
      JsonNode event = read(body);
      if (event.path("detail-type").asText().equals("Lifecycle Action Follow-up")) {
        followUps.incrementAndGet();
        List<String> ids = new ArrayList<>();
        event.path("detail").path("ChangeIds").forEach(id -> ids.add(id.asText()));
        changesOf.put(event.path("detail").path("EC2InstanceId").asText(), ids);
      }
      queue.add(new Message(body, System.nanoTime() + delay.toNanos(), 0));
      notifyAll();
    }

    /** The change ids the instance's follow-ups named (its records' change requests). */
    synchronized List<String> changesOf(String instanceId) {
      return changesOf.getOrDefault(instanceId, List.of());
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

    /** The next visible batch; empty only when nothing is queued or in flight. */
    private synchronized List<Message> take() throws InterruptedException {
      while (true) {
        if (queue.isEmpty() && inFlight == 0) {
          return List.of();
        }
        long now = System.nanoTime();
        if (!queue.isEmpty() && queue.peek().visibleAt() <= now) {
          List<Message> batch = new ArrayList<>();
          while (!queue.isEmpty() && batch.size() < batchSize && queue.peek().visibleAt() <= now) {
            batch.add(queue.poll());
          }
          inFlight++;
          return batch;
        }
        long waitMillis =
            queue.isEmpty() ? 1000 : Math.max(1, (queue.peek().visibleAt() - now) / 1_000_000);
        wait(waitMillis);
      }
    }

    private void deliver(Application app, List<Message> batch) {
      invocations.incrementAndGet();
      Summary summary =
          app.handle(app.decode(Events.sqsBatch(batch.stream().map(Message::body).toList())));
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
            // Comes back after a visibility timeout, shortened here to a second.
            queue.add(new Message(m.body(), System.nanoTime() + 1_000_000_000L, m.received() + 1));
          }
        }
        inFlight--;
        notifyAll();
      }
    }
  }
}
