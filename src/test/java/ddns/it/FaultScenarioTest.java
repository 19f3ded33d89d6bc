package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.faults.Fault;
import ddns.faults.FaultProxy;
import ddns.faults.Rules;
import ddns.service.Summary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The system under real AWS failure behaviour, injected between the SDK and the emulator. Every
 * scenario checks the whole end state: each record in both zones, each registry item and claim.
 */
class FaultScenarioTest extends EmulatorTest {
  /** Rounds of redelivery (what SQS does with a failed message) before a test gives up. */
  private static final int MAX_ROUNDS = 5;

  private FaultProxy proxy;
  private int replays;

  /** A VPC with DHCP domain corp.internal, its zone and reverse zone, and instances. */
  record Fleet(AwsWorld.Network net, String zone, String reverse, List<String> ids) {}

  @BeforeEach
  void startProxy() throws IOException {
    proxy = new FaultProxy(EMULATOR.endpoint());
    endpoint = proxy.endpoint();
  }

  @AfterEach
  void stopProxy() {
    Reliability.add("faults injected", proxy.injectedTotal());
    Reliability.add("events replayed", replays);
    proxy.close();
  }

  @Test
  void throttlingOnThirtyPercentOfRoute53AndEc2Calls_everyRecordEndsCorrect() {
    Fleet fleet =
        fleet(8, Map.of(0, "web.corp.internal", 1, "web.corp.internal", 2, "api.corp.internal"));
    proxy.add(
        Rules.fraction(
            0.3,
            7,
            Rules.service("route53"),
            call ->
                Fault.error(
                    call.operation().equals("ChangeResourceRecordSets")
                        ? "PriorRequestNotComplete"
                        : "Throttling")));
    proxy.add(
        Rules.fraction(0.3, 11, Rules.service("ec2"), call -> Fault.error("RequestLimitExceeded")));

    deliver(events(fleet.ids(), "running"));
    check(fleet);

    List<String> stopping = List.of(fleet.ids().get(0), fleet.ids().get(1), fleet.ids().get(5));
    stopping.forEach(world::stop);
    deliver(events(stopping, "stopped"));
    check(fleet);
    assertThat(proxy.injected()).containsKeys("Throttling", "RequestLimitExceeded");
  }

  @Test
  void throughputErrorsServerErrorsResetsAndLatency_everyRecordEndsCorrect() {
    Fleet fleet = fleet(6, Map.of(0, "web.corp.internal", 3, "web.corp.internal"));
    proxy.add(
        Rules.fraction(
            0.2,
            3,
            Rules.service("dynamodb"),
            call -> Fault.error("ProvisionedThroughputExceededException")));
    proxy.add(Rules.fraction(0.1, 5, call -> true, call -> Fault.error("InternalError")));
    proxy.add(Rules.fraction(0.1, 9, call -> true, call -> Fault.reset()));
    proxy.add(Rules.fraction(0.2, 13, Rules.service("route53"), call -> Fault.latency(20)));

    deliver(events(fleet.ids(), "running"));
    check(fleet);
    fleet.ids().subList(0, 3).forEach(world::terminate);
    deliver(events(fleet.ids().subList(0, 3), "terminated"));
    check(fleet);
  }

  @Test
  void deleteOfARecordAlreadyGone_isRereadAndReplanned_notAFailure() {
    Fleet fleet = fleet(2, Map.of(0, "web.corp.internal", 1, "web.corp.internal"));
    deliver(events(fleet.ids(), "running"));
    String host = hostLabel(fleet.ids().get(0));
    proxy.add(
        Rules.first(
            1,
            Rules.operation("ChangeResourceRecordSets"),
            Fault.invalidChangeBatch(
                "Tried to delete resource record set [name='"
                    + host
                    + ".corp.internal.', type='A'] but it was not found")));
    proxy.add(
        Rules.first(
            1,
            Rules.operation("ChangeResourceRecordSets"),
            Fault.invalidChangeBatch(
                "Tried to delete resource record set [name='web.corp.internal.', type='CNAME'] but the values provided"
                    + " do not match the current values")));
    world.stop(fleet.ids().get(0));

    List<Summary> rounds = deliver(events(fleet.ids().subList(0, 1), "stopped"));

    assertThat(rounds).hasSize(1);
    assertThat(rounds.get(0).failedMessageIds()).isEmpty();
    assertThat(proxy.injected()).containsEntry("InvalidChangeBatch", 2);
    check(fleet);
  }

  @Test
  void invalidChangeBatchForAnotherReason_failsTheMessage_andLeavesStateConsistent() {
    Fleet fleet = fleet(1, Map.of());
    proxy.add(
        Rules.first(
            12,
            Rules.operation("ChangeResourceRecordSets"),
            Fault.invalidChangeBatch(
                "RRSet of type CNAME with DNS name x.corp.internal. is not permitted at apex")));

    Summary first = handle(Events.sqsBatch(events(fleet.ids(), "running")));

    assertThat(first.failedMessageIds()).containsExactly("msg-0");
    assertThat(first.instances().get(0).error())
        .contains("InvalidChangeBatch")
        .contains("not permitted");
    proxy.heal();
    deliver(events(fleet.ids(), "running"));
    check(fleet);
  }

  // --- helpers -------------------------------------------------------------------------------

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

  void check(Fleet fleet) {
    int checked = new Converged(world, fleet.zone(), fleet.reverse()).check(fleet.ids());
    Reliability.add("records checked", checked);
  }
}
