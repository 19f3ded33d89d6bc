package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.app.Application;
import ddns.faults.Fault;
import ddns.faults.Rules;
import ddns.run.Summary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stop whose Route 53 change reaches AWS late, after the instance was started again and its
 * running event handled: the final DNS must match the final EC2 state.
 */
class LateEventTest extends FaultTestBase {

  @Test
  void aLateStop_doesNotUndoANewerStart() throws Exception {
    Fleet fleet = fleet(1, Map.of());
    String id = fleet.ids().get(0);
    deliver(events(List.of(id), "running"));
    assertThat(world.records(fleet.zone())).hasSize(1);
    world.stop(id);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    proxy.add(
        Rules.first(1, Rules.operation("ChangeResourceRecordSets"), Fault.hold(held, release)));
    Application stopper = freshApp();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Summary> stop =
          pool.submit(() -> stopper.handle(stopper.decode(Events.stateChange(id, "stopped"))));
      assertThat(held.await(60, TimeUnit.SECONDS)).as("the stop reached Route 53").isTrue();

      world.start(id);
      Summary start = handle(Events.stateChange(id, "running"));
      assertThat(start.failedMessageIds()).isEmpty();
      release.countDown();
      Summary late = stop.get(60, TimeUnit.SECONDS);

      List<String> pending =
          late.failedMessageIds().isEmpty()
              ? List.of()
              : List.of(Events.stateChange(id, "stopped"));
      deliver(pending);
    } finally {
      release.countDown();
      pool.shutdown();
      stopper.close();
    }

    assertThat(world.describe(id).state().nameAsString()).isEqualTo("running");
    check(fleet);
  }
}
