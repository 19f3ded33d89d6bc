package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordSet;
import ddns.faults.Fault;
import ddns.faults.Rules;
import ddns.run.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What one record, one quota, one tag or one race can no longer stop (docs/behaviour.md, "Route
 * 53's rules", "Reverse zones", "Reconcile"): Route 53's per-set and per-account limits, emulated
 * by the test proxy where the emulator lacks them, names an instance cannot take, and an instance
 * that stops while a reconcile registers it.
 */
class LimitsScenarioTest extends FaultTestBase {

  private String publicIp(String instanceId) {
    return world.describe(instanceId).publicIpAddress();
  }

  @Test
  void aPoolCrossing400Values_inABatchOf50_isRefusedAlone_andEveryOtherRecordIsWritten() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("20.10.in-addr.arpa", net.vpcId());
    String wide = world.subnet(net, "10.20.4.0/22");
    List<String> members = world.launchMany(wide, 400, Map.of("POOL", "web"));
    assertThat(deliver(events(members, "running")).get(0).failedMessageIds()).isEmpty();
    proxy.add(Rules.valuesPerRecordSet(400));
    List<String> batch = new ArrayList<>(world.launchMany(wide, 49, Map.of()));
    String joiner = world.launchMany(wide, 1, Map.of("POOL", "web")).get(0);
    batch.add(joiner);

    Summary summary = handle(Events.sqsBatch(events(batch, "running")));

    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(summary.instances())
        .filteredOn(i -> !i.instanceId().equals(joiner))
        .hasSize(49)
        .allSatisfy(
            i -> {
              assertThat(i.alerts()).isEmpty();
              assertThat(i.changes())
                  .extracting(c -> c.type())
                  .containsExactlyInAnyOrder("A", "PTR");
            });
    Summary.InstanceOutcome joined =
        summary.instances().stream()
            .filter(i -> i.instanceId().equals(joiner))
            .findFirst()
            .orElseThrow();
    assertThat(joined.changes()).extracting(c -> c.type()).containsExactlyInAnyOrder("A", "PTR");
    assertThat(joined.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo("RECORD_REFUSED");
              assertThat(a.message()).contains("web.corp.internal", "401 values", "at most 400");
            });
    RecordSet pool =
        world.records(zone).stream()
            .filter(r -> r.name().value().equals("web.corp.internal."))
            .findFirst()
            .orElseThrow();
    assertThat(pool.values()).hasSize(400).doesNotContain(privateIp(joiner));
    assertThat(world.records(zone)).hasSize(1 + 400 + 50);
    assertThat(proxy.injected()).doesNotContainKey("InvalidChangeBatch");
  }

  @Test
  void anInvocationNearlyOutOfTime_startsNoFurtherRequest_andHandsTheRestBack() throws Exception {
    Fleet fleet = fleet(3, Map.of());
    proxy.add(
        call -> call.operation().equals("ChangeResourceRecordSets") ? Fault.latency(1500) : null);
    java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();

    // Six seconds left: five are kept as the margin, so only the first second may start requests.
    new ddns.handler.DdnsHandler(app())
        .handleRequest(
            new java.io.ByteArrayInputStream(
                Events.sqsBatch(events(fleet.ids(), "running"))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            answer,
            new LambdaContext("req-1", "7", 6_000));

    var failures =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(answer.toByteArray())
            .path("batchItemFailures");
    assertThat(failures).hasSize(3);
    assertThat(logs()).contains("out of time");
    proxy.heal();
    deliver(events(fleet.ids(), "running"));
    check(fleet);
  }

  @Test
  void aReverseZoneRefusedForTheAccountsZoneQuota_stillWritesTheForwardRecords_andSaysWhy() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    proxy.add(
        Rules.first(1, Rules.operation("CreateHostedZone"), Fault.error("TooManyHostedZones")));
    String id = world.launch(net, Map.of("HOSTNAME", "db01"), false);

    Summary summary = handle(Events.sqsBatch(events(List.of(id), "running")));

    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(world.records(zone))
        .extracting(r -> r.name().value())
        .containsExactlyInAnyOrder(hostLabel(id) + ".corp.internal.", "db01.corp.internal.");
    assertThat(summary.instances().get(0).alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo("MISSING_REVERSE_ZONE");
              assertThat(a.message())
                  .contains("TooManyHostedZones", "quota of hosted zones", "no PTR");
            });
    assertThat(proxy.injected()).containsEntry("TooManyHostedZones", 1);

    proxy.add(
        call ->
            call.operation().equals("GetAccountLimit") ? Fault.hostedZoneLimit(500, 500) : null);
    Summary reconcile = app().reconcile(false);
    assertThat(reconcile.notes())
        .anyMatch(
            n ->
                n.startsWith(
                        "hosted zones: 0 created by route53-ddns; the account has 500 of its quota"
                            + " of 500, nearly all")
                    && n.contains("DDNS_DELETE_EMPTY_REVERSE_ZONES"));
  }

  @Test
  void anInstanceThatStopsAfterTheReconcileListedIt_endsWithoutRecords_andItsPoolWithoutIt() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    // Both are registered by the reconcile itself: the emulator refuses a CREATE it has seen
    // before while the name exists, even after a DELETE in the same batch (docs/decisions.md).
    String stays = world.launch(net, Map.of("POOL", "web"), false);
    String stopping = world.launch(net, Map.of("HOSTNAME", "db01", "POOL", "web"), false);
    // The instance stops (and its stop event is handled) after the reconcile listed EC2, just
    // before the reconcile writes its records.
    java.util.concurrent.atomic.AtomicBoolean done =
        new java.util.concurrent.atomic.AtomicBoolean();
    proxy.add(
        call -> {
          if (call.operation().equals("ChangeResourceRecordSets")
              && done.compareAndSet(false, true)) {
            world.stop(stopping);
          }
          return null;
        });

    Summary summary = app().reconcile(false);

    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(world.records(zone))
        .extracting(r -> r.name().value() + " " + String.join(",", r.values()))
        .containsExactlyInAnyOrder(
            hostLabel(stays) + ".corp.internal. " + privateIp(stays),
            "web.corp.internal. " + privateIp(stays));
    assertThat(registry()).extracting(item -> item.get("InstanceId").s()).doesNotContain(stopping);
  }

  @Test
  void twoVpcsWithTheSameRange_inOneSharedZone_neverOverwriteEachOthersIpNames() {
    var first = world.network("10.0.0.0/16", null, true);
    var second = world.network("10.0.0.0/16", null, true);
    String zone = world.publicZone("example.com");
    String one = world.launch(first, Map.of("ZONE", "example.com"), true);
    running(one);
    String other = world.launch(second, Map.of("ZONE", "example.com"), true);
    assertThat(privateIp(other)).isEqualTo(privateIp(one));

    Summary summary = running(other);

    String name = hostLabel(one) + ".example.com.";
    assertThat(world.records(zone))
        .filteredOn(r -> r.name().value().equals(name))
        .singleElement()
        .satisfies(r -> assertThat(r.values()).containsExactly(publicIp(one)));
    assertThat(summary.instances().get(0).alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo("NAME_CONFLICT");
              assertThat(a.message()).contains(one, first.vpcId(), "another VPC");
            });
  }

  @Test
  void aHostNameThatIsAnotherInstancesId_isRefused_andTheOwnerKeepsItsName() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String owner = world.launch(net, Map.of(), false);
    stopped(owner);
    String squatter = world.launch(net, Map.of("HOSTNAME", owner), false);

    Summary summary = running(squatter);

    assertThat(summary.instances().get(0).alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo("INVALID_TAG");
              assertThat(a.message()).contains(owner, "another instance");
            });
    assertThat(world.records(zone))
        .extracting(r -> r.name().value())
        .containsExactly(hostLabel(squatter) + ".corp.internal.");
  }

  @Test
  void aHostNameTooLongForItsZone_isAnInvalidTagAlert_andTheBatchGoesOn() {
    String deep = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + ".internal";
    var net = world.network("10.20.0.0/16", deep, true);
    String zone = world.privateZone(deep, net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    String longName = world.launch(net, Map.of("HOSTNAME", "web-" + "x".repeat(59)), false);
    String plain = world.launch(net, Map.of(), false);

    Summary summary = handle(Events.sqsBatch(events(List.of(longName, plain), "running")));

    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(summary.instances())
        .filteredOn(i -> i.instanceId().equals(longName))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.alerts())
                    .singleElement()
                    .satisfies(
                        a -> {
                          assertThat(a.kind()).isEqualTo("INVALID_TAG");
                          assertThat(a.message()).contains("longer than 253");
                        }));
    assertThat(world.records(zone))
        .extracting(r -> r.name().value())
        .containsExactlyInAnyOrder(
            hostLabel(longName) + "." + deep + ".", hostLabel(plain) + "." + deep + ".");
  }
}
