package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordType;
import ddns.faults.Fault;
import ddns.faults.Rules;
import ddns.run.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Creating reverse zones as real Route 53 allows it, emulated in the proxy where the emulator is
 * looser: a caller reference serves once, for ever; a second zone of a name a VPC already has is
 * refused ({@code ConflictingDomainExists}).
 */
class ReverseZoneCreationTest extends FaultTestBase {

  @Test
  void aReverseZoneDeletedByHand_isCreatedAgain() {
    proxy.add(Rules.callerReferencesAreUsedOnce());
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    assertThat(running(id).exitStatus()).isZero();
    String reverse = world.zoneIdNamed("1.20.10.in-addr.arpa.");
    world
        .records(reverse)
        .forEach(
            r ->
                world.route53.changeResourceRecordSets(
                    c ->
                        c.hostedZoneId(reverse)
                            .changeBatch(
                                b ->
                                    b.changes(
                                        ch ->
                                            ch.action("DELETE")
                                                .resourceRecordSet(
                                                    s ->
                                                        s.name(r.name().value())
                                                            .type(r.type().name())
                                                            .ttl(r.ttl())
                                                            .resourceRecords(
                                                                v ->
                                                                    v.value(
                                                                        r.values().get(0))))))));
    world.route53.deleteHostedZone(r -> r.id(reverse));
    restartApp();

    Summary again = app().reconcile(false);

    assertThat(again.exitStatus()).isZero();
    assertThat(world.zoneIdsNamed("1.20.10.in-addr.arpa.")).hasSize(1);
    assertThat(world.records(world.zoneIdNamed("1.20.10.in-addr.arpa.")))
        .extracting(r -> r.type())
        .containsExactly(RecordType.PTR);
  }

  @Test
  void aZoneAnotherInvocationCreatedMeanwhile_isUsed_notCreatedTwice() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    var elsewhere = world.network("10.30.0.0/16", null, true);
    world.privateZone("corp.internal", net.vpcId());
    running(world.launch(elsewhere, Map.of(), false)); // this warm app lists the zones now
    String other = world.privateZone("1.20.10.in-addr.arpa", net.vpcId()); // another invocation's
    String id = world.launch(net, Map.of(), false);
    // Route 53 refuses a second zone of a name the VPC already has (the emulator would make one).
    proxy.add(
        Rules.first(
            1, Rules.operation("CreateHostedZone"), Fault.error("ConflictingDomainExists")));

    Summary summary = handle(Events.stateChange(id, "running"));

    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(world.zoneIdsNamed("1.20.10.in-addr.arpa.")).containsExactly(other);
    assertThat(world.records(other)).extracting(r -> r.type()).containsExactly(RecordType.PTR);
  }
}
