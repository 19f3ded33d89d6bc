package ddns.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ddns.app.Application;
import ddns.apply.Deadline;
import ddns.config.Config;
import ddns.dns.RecordSet;
import ddns.dns.ZoneId;
import ddns.event.EventDecoder;
import ddns.event.InboundEvent;
import ddns.facts.InstanceId;
import ddns.facts.Workplace;
import ddns.fakes.FakeAlerts;
import ddns.fakes.FakeDnsZones;
import ddns.fakes.FakeInstances;
import ddns.fakes.FakeLifecycleActions;
import ddns.fakes.FakePorts;
import ddns.fakes.FakeRegistry;
import ddns.log.JsonLog;
import ddns.registry.RegistryWrite;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A reconcile handed out as units of work, one per account and region (docs/behaviour.md,
 * "Reconcile"), on the in-memory ports: what a unit reads of the registry, what it repairs, and
 * what happens to the units an invocation has no time left for.
 */
class ReconcileUnitsTest {
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:DDNSAlerts";
  private final Workplace home = new Workplace("123456789012", "us-east-1");
  private final Workplace member = new Workplace("222222222222", "eu-west-1");
  private final FakeInstances ec2 = new FakeInstances("corp.internal");
  private final FakeDnsZones dns = new FakeDnsZones();
  private final FakeRegistry registry = new FakeRegistry();
  private final MovingClock clock = new MovingClock();
  private final List<String> queued = new ArrayList<>();
  private final Map<String, String> env =
      new HashMap<>(
          Map.of(
              "DDNS_ALERT_TOPIC_ARN",
              TOPIC,
              "DDNS_ACCOUNTS",
              "222222222222",
              "DDNS_REGIONS",
              "eu-west-1"));
  private final ZoneId corp = dns.privateZone("corp.internal", FakeInstances.VPC);

  ReconcileUnitsTest() {
    ec2.home(home);
    dns.privateZone("1.0.10.in-addr.arpa", FakeInstances.VPC);
    for (Workplace w : List.of(home, member)) {
      dns.associate(corp, w.qualify(FakeInstances.VPC, home));
      dns.associate(dns.zoneNamed("1.0.10.in-addr.arpa"), w.qualify(FakeInstances.VPC, home));
    }
  }

  private DdnsService service() {
    return new DdnsService(
        Config.fromEnvironment(env),
        FakePorts.of(
            ec2,
            dns,
            registry,
            new FakeAlerts(),
            TOPIC,
            new FakeLifecycleActions(),
            Optional.of((body, delay) -> queued.add(body))),
        new JsonLog(
            new PrintStream(OutputStream.nullOutputStream()),
            Application.objectMapper(),
            clock,
            JsonLog.Level.INFO),
        clock);
  }

  /** The scheduled run hands out its units; each is then handled as its own invocation. */
  private void reconcileInUnits(DdnsService service) {
    queued.clear();
    service.handle(List.of(new InboundEvent.Scheduled("s", "e", home.account(), home.region())));
    List<String> units = List.copyOf(queued);
    for (int i = 0; i < units.size(); i++) {
      Summary unit = service.handle(unitEvents(List.of(units.get(i)), "unit-" + i));
      assertThat(unit.failedMessageIds()).as("unit %s", units.get(i)).isEmpty();
    }
  }

  @Test
  void units_readTheirOwnItemsByKey_neverTheWholeTable_andRemoveWhatStoppedUnseen() {
    InstanceId own = ec2.run(4, Map.of());
    InstanceId theirs = ec2.runIn(member, 5, Map.of());
    InstanceId gone = ec2.runIn(member, 6, Map.of());
    DdnsService service = service();
    reconcileInUnits(service);
    assertThat(values(corp)).containsExactly("10.0.1.4", "10.0.1.5", "10.0.1.6");
    ec2.stop(gone); // its stopped event was lost

    reconcileInUnits(service);

    assertThat(registry.scans()).isZero();
    assertThat(registry.owners()).containsOnlyKeys(own, theirs);
    assertThat(values(corp)).containsExactly("10.0.1.4", "10.0.1.5");
  }

  @Test
  void aUnit_releasesTheClaimsOfItsOwnInstanceLeftWithoutAnItem_andLeavesAnotherAccountsAlone() {
    InstanceId own = ec2.run(4, Map.of());
    InstanceId theirs = ec2.runIn(member, 5, Map.of());
    DdnsService service = service();
    reconcileInUnits(service);
    // An interrupted run left both instances' claims without their items; both stopped since.
    for (InstanceId id : List.of(own, theirs)) {
      registry.write(
          List.of(new RegistryWrite.DeleteOwnership(id, registry.owners().get(id).version())));
      ec2.stop(id);
    }
    String memberUnit = InboundEvent.ReconcileUnit.toEvent(member.account(), member.region());

    Summary unit = service.handle(unitEvents(List.of(memberUnit), "m"));

    assertThat(unit.failedMessageIds()).isEmpty();
    assertThat(values(corp)).containsExactly("10.0.1.4");
    assertThat(registry.claims().values())
        .allSatisfy(c -> assertThat(c.claimants()).containsOnlyKeys(own));
  }

  @Test
  void unitsAnInvocationHasNoTimeFor_goBackToTheQueueAsNewMessages_insteadOfFailing() {
    ec2.run(4, Map.of());
    List<String> units =
        List.of(
            InboundEvent.ReconcileUnit.toEvent(home.account(), home.region()),
            InboundEvent.ReconcileUnit.toEvent(member.account(), member.region()));

    Summary summary =
        service().handle(unitEvents(units, "u"), Deadline.ofRemaining(Duration.ZERO, clock));

    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(queued).hasSize(2).allSatisfy(b -> assertThat(b).contains("Reconcile Unit"));
    assertThat(summary.notes())
        .contains(
            "out of time for 2 units of work: 2 handed back to the tool's queue as new messages");
    assertThat(dns.recordsIn(corp)).isEmpty();
  }

  @Test
  void aUnitCutShortByTheDeadline_isHandedBackWhole_andDoneByTheNextInvocation() {
    ec2.run(4, Map.of());
    ec2.run(5, Map.of("ZONE", "dev.internal"));
    dns.privateZone("dev.internal", FakeInstances.VPC);
    // Route 53 is slow today: each change request takes 20 s of a 30 s budget (25 s less margin).
    dns.onRequest(() -> clock.advance(Duration.ofSeconds(20)));
    String unit = InboundEvent.ReconcileUnit.toEvent(home.account(), home.region());

    Summary cut =
        service()
            .handle(
                unitEvents(List.of(unit), "u"),
                Deadline.ofRemaining(Duration.ofSeconds(30), clock));

    assertThat(cut.failedMessageIds()).isEmpty();
    assertThat(cut.counts().failed()).isPositive();
    assertThat(queued)
        .singleElement()
        .satisfies(b -> assertThat(b).contains("\"123456789012\"", "\"us-east-1\""));
    Summary next = service().handle(unitEvents(List.copyOf(queued), "again"));
    assertThat(next.failedMessageIds()).isEmpty();
    assertThat(values(corp)).containsExactly("10.0.1.4", "10.0.1.5");
  }

  @Test
  void inADryRun_unitsOutOfTimeFail_andComeBack_sinceADryRunSendsNothing() {
    env.put("DDNS_DRY_RUN", "true");
    String unit = InboundEvent.ReconcileUnit.toEvent(home.account(), home.region());

    Summary summary =
        service()
            .handle(unitEvents(List.of(unit), "u"), Deadline.ofRemaining(Duration.ZERO, clock));

    assertThat(summary.failedMessageIds()).containsExactly("u-0");
    assertThat(queued).isEmpty();
  }

  private List<String> values(ZoneId zone) {
    return dns.recordsIn(zone).stream()
        .filter(r -> r.type() == ddns.dns.RecordType.A)
        .map(RecordSet::values)
        .flatMap(List::stream)
        .sorted()
        .toList();
  }

  /** The units' messages as the queue delivers them, one SQS batch. */
  private static List<InboundEvent> unitEvents(List<String> bodies, String prefix) {
    ObjectMapper json = Application.objectMapper();
    ObjectNode root = json.createObjectNode();
    ArrayNode records = root.putArray("Records");
    for (int i = 0; i < bodies.size(); i++) {
      ObjectNode r = records.addObject();
      r.put("messageId", prefix + "-" + i);
      r.put("body", bodies.get(i));
      r.put("eventSource", "aws:sqs");
    }
    return new EventDecoder(json).decode(root.toString()).events();
  }

  private static final class MovingClock extends Clock {
    private Instant now = Instant.parse("2026-11-26T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
