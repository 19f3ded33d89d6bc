package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.app.Application;
import ddns.run.Summary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two function instances handle overlapping batches at the same time (SQS delivers to several
 * concurrent invocations, and duplicates). Conditional registry writes turn each race into a
 * re-read and re-plan; nothing is lost or written twice.
 */
class ConcurrencyTest extends FaultTestBase {

  @Test
  void twoHandlers_overlappingBatches_registerAndDeregister_withoutLossOrDuplicates()
      throws Exception {
    for (int round = 0; round < 3; round++) {
      freshStart();
      Fleet fleet =
          fleet(
              8,
              Map.of(
                  0,
                  "web.corp.internal",
                  3,
                  "web.corp.internal",
                  5,
                  "web.corp.internal",
                  6,
                  "api.corp.internal"));
      List<String> ids = fleet.ids();

      race(events(ids.subList(0, 6), "running"), events(ids.subList(2, 8), "running"));
      check(fleet);

      List<String> stopping = List.of(ids.get(0), ids.get(3), ids.get(4), ids.get(6));
      stopping.forEach(world::stop);
      race(events(stopping.subList(0, 3), "stopped"), events(stopping.subList(1, 4), "stopped"));
      check(fleet);
    }
  }

  /** Both batches at once, each on its own application; failed messages are redelivered. */
  private void race(List<String> first, List<String> second) throws Exception {
    Application one = freshApp();
    Application two = freshApp();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      Future<Integer> a = pool.submit(handler(one, first, start));
      Future<Integer> b = pool.submit(handler(two, second, start));
      start.countDown();
      Reliability.add("events replayed", a.get() + b.get());
    } finally {
      pool.shutdown();
      one.close();
      two.close();
    }
  }

  private static Callable<Integer> handler(
      Application app, List<String> bodies, CountDownLatch start) {
    return () -> {
      start.await();
      int replayed = 0;
      List<String> pending = bodies;
      for (int round = 1; !pending.isEmpty(); round++) {
        assertThat(round).isLessThanOrEqualTo(MAX_ROUNDS);
        Summary summary = app.handle(app.decode(Events.sqsBatch(pending)));
        Map<String, String> byId = new HashMap<>();
        for (int i = 0; i < pending.size(); i++) {
          byId.put("msg-" + i, pending.get(i));
        }
        pending = new ArrayList<>(summary.failedMessageIds().stream().map(byId::get).toList());
        replayed += pending.size();
      }
      return replayed;
    };
  }
}
