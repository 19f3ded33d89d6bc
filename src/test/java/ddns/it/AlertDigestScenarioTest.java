package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.faults.Fault;
import ddns.faults.Rules;
import ddns.run.Summary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A batch's alerts go out as one SNS message, and their memory as batched writes. */
class AlertDigestScenarioTest extends FaultTestBase {

  @Test
  void aBatchWithAlertsForSeveralInstances_sendsOneMessageListingThem_andRemembersInBatches() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("20.10.in-addr.arpa", net.vpcId());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 27; i++) {
      ids.add(world.launch(net, Map.of("ZONE", "nowhere.test"), false));
    }
    for (int i = 0; i < 3; i++) {
      String id = world.launch(net, Map.of(), false);
      world.handWrittenRecord(zone, hostLabel(id) + ".corp.internal.", "A", "192.0.2.1");
      ids.add(id);
    }
    // DynamoDB under load: the first batch write comes back unprocessed, whole.
    proxy.add(Rules.first(1, Rules.operation("BatchWriteItem"), Fault.unprocessedItems()));

    Summary summary = handle(Events.sqsBatch(events(ids, "running")));

    assertThat(summary.exitStatus()).isZero();
    assertThat(summary.apiCalls())
        .containsEntry("SNS.Publish", 1)
        .as("30 memories: 25 and 5 a request, the 25 left unprocessed written one by one")
        .containsEntry("DynamoDB.BatchWriteItem", 2)
        .containsEntry("DynamoDB.PutItem", 25);
    List<String> messages = world.alerts();
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0))
        .startsWith("30 instances did not get every DNS record asked for.\n")
        .contains("Alerts by kind: NO_SUCH_ZONE 27, FOREIGN_RECORD 3.");
    ids.forEach(id -> assertThat(messages.get(0)).contains("Instance " + id + ":"));
    List<Map<String, AttributeValue>> memories =
        world.registryItems("DDNS").stream()
            .filter(i -> i.get("ItemType").s().equals("alerts"))
            .toList();
    assertThat(memories).hasSize(30);
    long now = Instant.now().getEpochSecond();
    assertThat(memories.stream().map(m -> Long.parseLong(m.get("ExpiresAt").n())).distinct())
        .as("expiries spread between 24 and 28 hours")
        .hasSizeGreaterThan(20)
        .allSatisfy(e -> assertThat(e - now).isBetween(24 * 3600L - 60, 28 * 3600L));

    Summary again = handle(Events.sqsBatch(events(ids, "running")));

    assertThat(world.alerts()).as("the same problems, within a day: no message").isEmpty();
    assertThat(again.apiCalls()).doesNotContainKeys("SNS.Publish", "DynamoDB.BatchWriteItem");
  }
}
