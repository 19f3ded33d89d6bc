package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.app.Application;
import ddns.dns.RecordType;
import ddns.faults.FaultProxy;
import ddns.run.Summary;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Writes sent on what the registry says Route 53 holds, without reading it first
 * (docs/behaviour.md, "Optimistic writes"): when Route 53 holds something else, it refuses the
 * write (the proxy keeps Route 53's rules, see {@code StrictRecordChanges}), and exactly the
 * refused names are read and planned again, with every ownership rule as before.
 */
class OptimisticWriteScenarioTest extends EmulatorTest {

  @Test
  void aLaunchIntoFreeNames_readsNoRecords() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);

    Summary summary = running(id);

    assertThat(world.records(zone)).hasSize(2);
    assertThat(summary.apiCalls())
        .doesNotContainKey("Route53.ListResourceRecordSets")
        .containsEntry("Route53.ChangeResourceRecordSets", 2);
  }

  @Test
  void aForeignRecordAtAFreeName_isRefusedByRoute53_readAlone_andLeftUntouched() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    world.handWrittenRecord(zone, "web.corp.internal.", "CNAME", "legacy.example.com.");
    String id = world.launch(net, Map.of("CNAME", "web.corp.internal"), false);

    Summary summary = running(id);

    assertThat(summary.instances().get(0).alerts())
        .extracting(a -> a.kind())
        .containsExactly("FOREIGN_RECORD");
    assertThat(world.records(zone))
        .contains(record(hostLabel(id) + ".corp.internal", RecordType.A, privateIp(id)))
        .filteredOn(r -> r.type() == RecordType.CNAME)
        .singleElement()
        .satisfies(r -> assertThat(r.values()).containsExactly("legacy.example.com."));
    assertThat(world.records(reverse))
        .singleElement()
        .satisfies(
            ptr -> assertThat(ptr.values()).containsExactly(hostLabel(id) + ".corp.internal."));
    // The forward zone's request refused and sent again; the PTR, first written to name the alias,
    // written again to name the A record once the alias is known to be refused.
    assertThat(summary.apiCalls())
        .as("only the refused name is read")
        .containsEntry("Route53.ListResourceRecordSets", 1)
        .containsEntry("Route53.ChangeResourceRecordSets", 4);
  }

  @Test
  void aRecordEditedByHand_refusesTheDeletion_isReadAlone_leftAsEdited_andAlerted() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String reverse = world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    running(id);
    String host = hostLabel(id) + ".corp.internal.";
    world.editRecord(zone, host, "A", 300, "10.20.9.9");

    Summary summary = stopped(id);

    assertThat(world.records(zone))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.name().value()).isEqualTo(host);
              assertThat(r.values()).containsExactly("10.20.9.9");
              assertThat(r.ttl()).isEqualTo(300);
            });
    assertThat(world.records(reverse)).as("the unedited PTR goes as usual").isEmpty();
    assertThat(summary.instances().get(0).alerts())
        .extracting(a -> a.kind())
        .containsExactly("RECORD_EDITED");
    assertThat(registry()).isEmpty();
    assertThat(summary.apiCalls())
        .as("only the refused name is read")
        .containsEntry("Route53.ListResourceRecordSets", 1);
  }

  @Test
  void anotherWriterBetweenTheRegistryAndRoute53_isRefused_readAlone_andTheNewestClaimantWins()
      throws IOException {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String first = world.launch(net, Map.of("CNAME", "app.corp.internal"), false);
    String second = world.launch(net, Map.of("CNAME", "app.corp.internal"), false);
    int byTime = world.describe(first).launchTime().compareTo(world.describe(second).launchTime());
    String newer = byTime > 0 || (byTime == 0 && first.compareTo(second) > 0) ? first : second;
    String older = newer.equals(first) ? second : first;
    try (FaultProxy proxy = strictProxy()) {
      endpoint = proxy.endpoint();
      Application other = freshApp();
      AtomicBoolean raced = new AtomicBoolean();
      // The newer claimant's invocation runs whole between the older one's claim and its write.
      proxy.add(
          call -> {
            if (call.operation().equals("ChangeResourceRecordSets")
                && call.mentions("app.corp.internal")
                && raced.compareAndSet(false, true)) {
              other.handle(other.decode(Events.stateChange(newer, "running")));
            }
            return null;
          });

      Summary summary = running(older);

      assertThat(raced).isTrue();
      assertThat(summary.failedMessageIds()).isEmpty();
      assertThat(summary.instances().get(0).alerts()).isEmpty();
      assertThat(world.records(zone))
          .contains(
              record("app.corp.internal", RecordType.CNAME, hostLabel(newer) + ".corp.internal."))
          .contains(record(hostLabel(older) + ".corp.internal", RecordType.A, privateIp(older)))
          .contains(record(hostLabel(newer) + ".corp.internal", RecordType.A, privateIp(newer)));
      assertThat(summary.apiCalls())
          .as("only the refused name is read")
          .containsEntry("Route53.ListResourceRecordSets", 1);
      assertThat(logs()).contains("Route 53 holds other records than expected");
      other.close();
    }
  }
}
