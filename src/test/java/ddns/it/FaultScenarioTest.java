package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.faults.Fault;
import ddns.faults.Rules;
import ddns.run.Summary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The system under real AWS failure behaviour, injected between the SDK and the emulator. Every
 * scenario checks the whole end state: each record in both zones, each registry item and claim.
 */
class FaultScenarioTest extends FaultTestBase {

  @Test
  void throttlingOnThirtyPercentOfRoute53AndEc2Calls_everyRecordEndsCorrect() {
    Fleet fleet =
        fleet(8, Map.of(0, "web.corp.internal", 1, "web.corp.internal", 2, "api.corp.internal"));
    // Events read few zones now; the first listing is throttled, so reads are throttled too.
    proxy.add(Rules.first(1, Rules.operation("ListHostedZones"), Fault.error("Throttling")));
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

    // One event per invocation, as a direct EventBridge target would deliver them: many calls.
    events(fleet.ids(), "running").forEach(event -> deliver(List.of(event)));
    check(fleet);
    List<String> stopping = List.of(fleet.ids().get(0), fleet.ids().get(1), fleet.ids().get(5));
    stopping.forEach(world::stop);
    events(stopping, "stopped").forEach(event -> deliver(List.of(event)));
    check(fleet);
    // and the rest as one SQS batch
    fleet.ids().subList(2, 5).forEach(world::terminate);
    deliver(events(fleet.ids().subList(2, 5), "terminated"));
    check(fleet);

    assertThat(proxy.injected())
        .containsKeys("Throttling", "PriorRequestNotComplete", "RequestLimitExceeded");
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
  void oneInstanceWhoseChangeRoute53Refuses_getsThatRecordRefused_andEveryOtherRecordIsWritten() {
    Fleet fleet = fleet(3, Map.of());
    String poison = privateIp(fleet.ids().get(1));
    proxy.add(
        call ->
            call.operation().equals("ChangeResourceRecordSets") && call.mentions(">" + poison + "<")
                ? Fault.invalidChangeBatch(
                    "Invalid Resource Record: FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '"
                        + poison
                        + "'")
                : null);

    Summary summary = handle(Events.sqsBatch(events(fleet.ids(), "running")));

    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(summary.instances())
        .filteredOn(i -> !i.instanceId().equals(fleet.ids().get(1)))
        .allSatisfy(i -> assertThat(i.changes()).hasSize(2));
    assertThat(summary.instances())
        .filteredOn(i -> i.instanceId().equals(fleet.ids().get(1)))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.changes()).extracting(c -> c.type()).containsExactly("PTR");
              assertThat(i.alerts())
                  .singleElement()
                  .satisfies(
                      a -> {
                        assertThat(a.kind()).isEqualTo("RECORD_REFUSED");
                        assertThat(a.message()).contains("ARRDATAIllegalIPv4Address");
                      });
            });
    assertThat(world.records(fleet.zone())).hasSize(2);
    proxy.heal();
    deliver(List.of(Events.stateChange(fleet.ids().get(1), "running")));
    check(fleet);
  }

  @Test
  void invalidChangeBatchForAnotherReason_isAlerted_andTheNextEventWritesTheRecords() {
    Fleet fleet = fleet(1, Map.of());
    proxy.add(
        Rules.first(
            12,
            Rules.operation("ChangeResourceRecordSets"),
            Fault.invalidChangeBatch(
                "RRSet of type CNAME with DNS name x.corp.internal. is not permitted at apex")));

    Summary first = handle(Events.sqsBatch(events(fleet.ids(), "running")));

    assertThat(first.failedMessageIds()).isEmpty();
    assertThat(first.instances().get(0).changes()).isEmpty();
    assertThat(first.instances().get(0).alerts())
        .hasSize(2)
        .allSatisfy(
            a -> {
              assertThat(a.kind()).isEqualTo("RECORD_REFUSED");
              assertThat(a.message()).contains("InvalidChangeBatch").contains("not permitted");
            });
    proxy.heal();
    deliver(events(fleet.ids(), "running"));
    check(fleet);
  }
}
