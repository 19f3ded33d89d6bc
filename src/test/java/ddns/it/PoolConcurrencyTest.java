package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.app.Application;
import ddns.faults.Fault;
import ddns.faults.Rules;
import ddns.run.Summary;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/behaviour.md, "Names": concurrent joins never lose a pool member. Route 53 applies a change
 * batch against the zone as it is when the batch arrives and refuses a stale DELETE or CREATE; the
 * emulator does not, so the proxy keeps that rule ({@code strictRecordChanges}).
 */
class PoolConcurrencyTest extends FaultTestBase {

  @Test
  void aMemberJoiningWhileAnotherJoinWaits_isNotLost_toTheLateWrite() throws Exception {
    proxy.strictRecordChanges(world.route53);
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String first = world.launch(net, Map.of("POOL", "web"), false);
    String second = world.launch(net, Map.of("POOL", "web"), false);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    proxy.add(
        Rules.first(
            1,
            Rules.operation("ChangeResourceRecordSets").and(c -> c.mentions("web.corp.internal")),
            Fault.hold(held, release)));
    Application joiner = freshApp();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Summary late;
    Summary meanwhile;
    try {
      Future<Summary> join =
          pool.submit(() -> joiner.handle(joiner.decode(Events.stateChange(first, "running"))));
      assertThat(held.await(60, TimeUnit.SECONDS)).as("the first join reached Route 53").isTrue();

      meanwhile = handle(Events.stateChange(second, "running"));
      release.countDown();
      late = join.get(60, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      pool.shutdown();
      joiner.close();
    }

    assertThat(meanwhile.failedMessageIds()).isEmpty();
    assertThat(late.failedMessageIds()).isEmpty();
    assertThat(
            world.records(corp).stream()
                .filter(r -> r.name().value().equals("web.corp.internal."))
                .flatMap(r -> r.values().stream())
                .toList())
        .containsExactlyInAnyOrder(privateIp(first), privateIp(second));
    assertThat(proxy.injected())
        .as("the late write was refused as stale, and planned again")
        .containsKey("InvalidChangeBatch (emulated)");
  }
}
