package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.faults.FaultProxy;
import ddns.run.Summary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the fault scenarios: the code under test talks to the emulator through a {@link
 * FaultProxy}; the world is built and checked directly. Figures go to {@link Reliability}.
 */
abstract class FaultTestBase extends EmulatorTest {
  /** Rounds of redelivery (what SQS does with a failed message) before a test gives up. */
  static final int MAX_ROUNDS = 5;

  FaultProxy proxy;
  int replays;

  /** A VPC with DHCP domain corp.internal, its zone and reverse zone, and instances. */
  record Fleet(AwsWorld.Network net, String zone, String reverse, List<String> ids) {}

  @BeforeEach
  void startProxy() throws IOException {
    proxy = strictProxy();
    endpoint = proxy.endpoint();
  }

  @AfterEach
  void stopProxy() {
    Reliability.add("faults injected", proxy.injectedTotal());
    proxy.injected().forEach((kind, count) -> Reliability.add("faults injected, " + kind, count));
    Reliability.add("events replayed", replays);
    proxy.close();
  }

  /** A fresh account with the fleet: CNAME tags by index. */
  Fleet fleet(int size, Map<Integer, String> cnames) {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ids.add(
          world.launch(
              net, cnames.containsKey(i) ? Map.of("CNAME", cnames.get(i)) : Map.of(), false));
    }
    return new Fleet(net, zone, reverse, ids);
  }

  static List<String> events(List<String> ids, String state) {
    return ids.stream().map(id -> Events.stateChange(id, state)).toList();
  }

  /** Delivers the events as one SQS batch, redelivering failed messages as SQS would. */
  List<Summary> deliver(List<String> bodies) {
    List<Summary> summaries = new ArrayList<>();
    List<String> pending = bodies;
    for (int round = 1; !pending.isEmpty(); round++) {
      assertThat(round)
          .as("delivery rounds before every message succeeded")
          .isLessThanOrEqualTo(MAX_ROUNDS);
      Summary summary = handle(Events.sqsBatch(pending));
      summaries.add(summary);
      Map<String, String> byId = new HashMap<>();
      for (int i = 0; i < pending.size(); i++) {
        byId.put("msg-" + i, pending.get(i));
      }
      pending = summary.failedMessageIds().stream().map(byId::get).toList();
      replays += pending.size();
    }
    return summaries;
  }

  /** Starts over from an empty account, a cold application and a healed proxy. */
  void freshStart() {
    EMULATOR.reset();
    restartApp();
    proxy.heal();
    proxy.clearCalls();
    world.subscribeToAlerts();
  }

  void check(Fleet fleet) {
    int checked = new Converged(world, fleet.zone(), fleet.reverse()).check(fleet.ids());
    Reliability.add("records checked", checked);
  }
}
