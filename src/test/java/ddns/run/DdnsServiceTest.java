package ddns.run;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.alert.AlertKind;
import ddns.alert.Digest;
import ddns.apply.Deadline;
import ddns.config.Config;
import ddns.dns.DesiredRecord;
import ddns.dns.DnsName;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.ZoneId;
import ddns.event.InboundEvent;
import ddns.event.InboundEvent.StateChange;
import ddns.facts.InstanceId;
import ddns.facts.Workplace;
import ddns.fakes.FakeAlerts;
import ddns.fakes.FakeDnsZones;
import ddns.fakes.FakeInstances;
import ddns.fakes.FakeRegistry;
import ddns.job.Mode;
import ddns.log.JsonLog;
import ddns.plan.Action;
import ddns.registry.Claim;
import ddns.registry.Claimant;
import ddns.registry.Ownership;
import ddns.registry.RegistryWrite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The service's own logic, on in-memory fakes of the ports: the batch retry, the zone-action
 * failure policy, the alert memory, re-planning after a lost race. Milliseconds, no emulator.
 */
class DdnsServiceTest {
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:DDNSAlerts";

  private final FakeInstances ec2 = new FakeInstances("corp.internal");
  private final FakeDnsZones dns = new FakeDnsZones();
  private final FakeRegistry registry = new FakeRegistry();
  private final FakeAlerts alerts = new FakeAlerts();
  private final TestClock clock = new TestClock();
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>(Map.of("DDNS_ALERT_TOPIC_ARN", TOPIC));
  private final ZoneId corp = dns.privateZone("corp.internal", FakeInstances.VPC);
  private final ZoneId reverse = dns.privateZone("1.0.10.in-addr.arpa", FakeInstances.VPC);

  private DdnsService service() {
    JsonLog log =
        new JsonLog(
            new PrintStream(logs, true, StandardCharsets.UTF_8),
            ddns.app.Application.objectMapper(),
            clock,
            JsonLog.Level.DEBUG);
    return new DdnsService(
        Config.fromEnvironment(env),
        ddns.fakes.FakePorts.of(
            ec2, dns, registry, alerts, TOPIC, new ddns.fakes.FakeLifecycleActions(), queue),
        log,
        clock);
  }

  /** The tool's own queue, when a test gives it one: the bodies sent, in order. */
  private java.util.Optional<ddns.lifecycle.FollowUps> queue = java.util.Optional.empty();

  private final List<String> queued = new ArrayList<>();

  private static List<InboundEvent> events(String state, InstanceId... ids) {
    List<InboundEvent> events = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      events.add(
          new StateChange("msg-" + i, "evt-" + i, ids[i], state, "123456789012", "us-east-1"));
    }
    return events;
  }

  @Nested
  class Registration {
    @Test
    void running_writesTheARecordAndPointer_andClaimsBoth() {
      InstanceId id = ec2.run(23, Map.of());

      Summary summary = service().handle(events("running", id));

      assertThat(summary.exitStatus()).isZero();
      assertThat(summary.instances())
          .singleElement()
          .satisfies(
              i -> {
                assertThat(i.action()).isEqualTo(Action.REGISTER);
                assertThat(i.outcome()).isEqualTo(Outcome.DONE);
              });
      assertThat(dns.recordsIn(corp))
          .extracting(r -> r.name() + " " + r.values())
          .containsExactly("ip-10-0-1-23.corp.internal. [10.0.1.23]");
      assertThat(dns.recordsIn(reverse))
          .extracting(r -> r.name() + " " + r.values())
          .containsExactly("23.1.0.10.in-addr.arpa. [ip-10-0-1-23.corp.internal.]");
      assertThat(registry.claims()).hasSize(2);
      assertThat(registry.owners()).containsOnlyKeys(id);
    }

    @Test
    void theLogNamesTheInstanceByItsId_asAString() {
      InstanceId id = ec2.run(23, Map.of());

      service().handle(events("running", id));

      assertThat(logs.toString(StandardCharsets.UTF_8))
          .contains("\"instanceId\":\"" + id.value() + "\"")
          .doesNotContain("\"instanceId\":{");
    }

    @Test
    void stopped_deletesExactlyWhatWasWritten_andForgetsTheInstance() {
      InstanceId id = ec2.run(23, Map.of("CNAME", "web.corp.internal"));
      DdnsService service = service();
      service.handle(events("running", id));
      ec2.stop(id);

      Summary summary = service.handle(events("stopped", id));

      assertThat(summary.instances().get(0).action()).isEqualTo(Action.DEREGISTER);
      assertThat(dns.recordsIn(corp)).isEmpty();
      assertThat(dns.recordsIn(reverse)).isEmpty();
      assertThat(registry.owners()).isEmpty();
      assertThat(registry.claims()).isEmpty();
    }
  }

  @Nested
  class WholeOrganization {
    private final Workplace home = new Workplace("123456789012", "us-east-1");

    @BeforeEach
    void organization() {
      env.put("DDNS_ACCOUNTS", "organization");
      ec2.home(home);
      ec2.organization(List.of("123456789012", "222222222222"));
    }

    @Test
    void anEventOfAnAccountOutsideTheOrganization_isRefused_andAlertedOnce() {
      InstanceId member = ec2.runIn(new Workplace("222222222222", "us-east-1"), 4, Map.of());
      List<InboundEvent> batch =
          List.of(
              new StateChange(
                  "msg-0",
                  "evt-0",
                  InstanceId.of("i-0abcdef0123456789"),
                  "running",
                  "333333333333",
                  "us-east-1"),
              new StateChange(
                  "msg-1",
                  "evt-1",
                  InstanceId.of(member.ec2Id()),
                  "running",
                  "222222222222",
                  "us-east-1"));

      Summary first = service().handle(batch);
      Summary second = service().handle(batch);

      assertThat(first.failedMessageIds()).containsExactly("msg-0");
      assertThat(first.rejected())
          .singleElement()
          .satisfies(r -> assertThat(r.error()).contains("333333333333", "not an active account"));
      assertThat(first.instances())
          .extracting(Summary.InstanceOutcome::instanceId)
          .containsExactly(member.value());
      assertThat(second.failedMessageIds()).containsExactly("msg-0");
      assertThat(alerts.sent())
          .singleElement()
          .satisfies(s -> assertThat(s.digest().message()).contains("333333333333"));
    }
  }

  @Nested
  class OwnAccountOnly {
    @Test
    void anEventOfAnotherAccount_isRefusedAtOnce_namingDdnsAccounts_notRetriedAsALateLaunch() {
      InstanceId notHere = InstanceId.of("i-0abcdef0123456789");
      InstanceId here = ec2.run(4, Map.of());

      Summary summary =
          service()
              .handle(
                  List.of(
                      new StateChange(
                          "msg-0", "evt-0", notHere, "running", "222222222222", "us-east-1"),
                      new StateChange(
                          "msg-1", "evt-1", here, "running", "123456789012", "us-east-1")));

      assertThat(summary.failedMessageIds()).containsExactly("msg-0");
      assertThat(summary.rejected())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.messageId()).isEqualTo("msg-0");
                assertThat(r.error())
                    .contains("222222222222", "123456789012", "DDNS_ACCOUNTS")
                    .doesNotContain("DDNS_LAUNCH_GRACE_SECONDS");
              });
      assertThat(summary.instances())
          .extracting(Summary.InstanceOutcome::instanceId)
          .containsExactly(here.value());
    }

    @Test
    void anEventOfTheToolsOwnAccount_forAnInstanceEc2DoesNotShow_isHandledAsBefore() {
      InstanceId late = InstanceId.of("i-0abcdef0123456789");

      Summary summary =
          service()
              .handle(
                  List.of(
                      new StateChange(
                          "msg-0", "evt-0", late, "running", "123456789012", "us-east-1")));

      assertThat(summary.rejected()).isEmpty();
      assertThat(summary.instances())
          .extracting(Summary.InstanceOutcome::instanceId)
          .containsExactly(late.value());
    }
  }

  @Nested
  class BatchRetry {
    @Test
    void aRefusedName_isAlertedAndLeftOut_andEveryOtherRecordOfTheBatchIsWritten() {
      InstanceId good = ec2.run(4, Map.of());
      InstanceId bad = ec2.run(5, Map.of("CNAME", "refused.corp.internal"));
      InstanceId alsoGood = ec2.run(6, Map.of());
      dns.refuseChangesAt("refused.corp.internal");

      Summary summary = service().handle(events("running", good, bad, alsoGood));

      assertThat(summary.failedMessageIds()).isEmpty();
      assertThat(summary.instances())
          .filteredOn(i -> i.instanceId().equals(bad.value()))
          .singleElement()
          .satisfies(
              i ->
                  assertThat(i.alerts())
                      .extracting(Summary.AlertView::kind)
                      .containsExactly("RECORD_REFUSED"));
      assertThat(dns.recordsIn(corp))
          .extracting(r -> r.name().value())
          .contains(
              "ip-10-0-1-4.corp.internal.",
              "ip-10-0-1-5.corp.internal.",
              "ip-10-0-1-6.corp.internal.")
          .doesNotContain("refused.corp.internal.");
    }

    @Test
    void aNameThatFails_failsItsOwnMessageOnly_andTheOthersComplete() {
      InstanceId good = ec2.run(4, Map.of());
      InstanceId bad = ec2.run(5, Map.of("CNAME", "failing.corp.internal"));
      InstanceId alsoGood = ec2.run(6, Map.of());
      dns.failChangesAt("failing.corp.internal");

      Summary summary = service().handle(events("running", good, bad, alsoGood));

      assertThat(summary.failedMessageIds()).containsExactly("msg-1");
      assertThat(dns.recordsIn(corp))
          .extracting(r -> r.name().value())
          .contains("ip-10-0-1-4.corp.internal.", "ip-10-0-1-6.corp.internal.")
          .doesNotContain("failing.corp.internal.");
    }

    @Test
    void aBatchOutOfTime_sendsNothing_andHandsEveryMessageBack() {
      InstanceId one = ec2.run(4, Map.of());
      InstanceId two = ec2.run(5, Map.of());

      Summary summary =
          service().handle(events("running", one, two), Deadline.ofRemaining(Duration.ZERO, clock));

      assertThat(summary.failedMessageIds()).containsExactly("msg-0", "msg-1");
      assertThat(summary.instances())
          .allSatisfy(i -> assertThat(i.error()).contains("out of time"));
      assertThat(dns.batches()).isEmpty();
    }

    @Test
    void aLostRegistryRace_isPlannedAgain_andSucceeds() {
      InstanceId id = ec2.run(23, Map.of());
      registry.loseRaces(2);

      Summary summary = service().handle(events("running", id));

      assertThat(summary.failedMessageIds()).isEmpty();
      assertThat(dns.recordsIn(corp)).hasSize(1);
      assertThat(logs.toString(StandardCharsets.UTF_8)).contains("lost a race");
    }

    @Test
    void racesLostOnEveryAttempt_failTheMessage_andWriteNoRecord() {
      InstanceId id = ec2.run(23, Map.of());
      registry.loseRaces(100);

      Summary summary = service().handle(events("running", id));

      assertThat(summary.failedMessageIds()).containsExactly("msg-0");
      assertThat(dns.batches()).isEmpty();
    }
  }

  @Nested
  class Refusals {
    @Test
    void aChangeRouteFiftyThreeWouldRefuse_isLeftOut_andAlerted_andTheBatchGoesOn() {
      InstanceId odd = ec2.run(5, Map.of());
      InstanceId other = ec2.run(6, Map.of());
      DdnsService service = service();
      service.handle(events("running", odd, other));
      // A registry item written elsewhere claims a value no host name may have, and Route 53
      // holds exactly that value: deleting it would be refused.
      RecordKey key = new RecordKey(corp, DnsName.parse("odd.corp.internal"), RecordType.CNAME);
      RecordSet bad = new RecordSet(key.name(), RecordType.CNAME, 60, List.of("_svc.example."));
      registry.write(
          List.of(
              new RegistryWrite.PutClaim(
                  new Claim(
                      key,
                      DnsName.parse("corp.internal"),
                      1,
                      Map.of(odd, new Claimant(odd, Instant.EPOCH, 60, bad.values()))),
                  0)));
      Ownership owner = registry.owners().get(odd);
      List<DesiredRecord> records = new ArrayList<>(owner.records());
      records.add(new DesiredRecord(key, DnsName.parse("corp.internal"), bad));
      registry.write(
          List.of(
              new RegistryWrite.PutOwnership(
                  new Ownership(odd, owner.version() + 1, owner.launchTime(), records, Map.of()),
                  owner.version())));
      dns.put(corp, bad);
      ec2.stop(odd);
      ec2.stop(other);

      Summary summary = service.handle(events("stopped", odd, other));

      assertThat(summary.exitStatus()).isZero();
      assertThat(summary.instances()).allMatch(i -> i.outcome() == Outcome.DONE);
      assertThat(summary.instances())
          .filteredOn(i -> i.instanceId().equals(odd.value()))
          .singleElement()
          .satisfies(
              i ->
                  assertThat(i.alerts())
                      .extracting(Summary.AlertView::kind)
                      .containsExactly(AlertKind.RECORD_REFUSED.name()));
      assertThat(dns.recordsIn(corp)).containsExactly(bad);
      assertThat(registry.claims()).isEmpty();
    }
  }

  @Nested
  class LaunchGrace {
    /** A running event, {@code secondsAgo} old, for an instance EC2 does not list. */
    private StateChange runningEventOfAnUnseenInstance(long secondsAgo) {
      return new StateChange(
          "msg-0",
          "evt-0",
          InstanceId.of("i-0000000000000beef"),
          "running",
          "123456789012",
          "us-east-1",
          java.util.Optional.of(clock.instant().minusSeconds(secondsAgo)));
    }

    @Test
    void aRunningEventForAnInstanceEc2DoesNotShowYet_isRetried_notTakenForGone() {
      StateChange justNow = runningEventOfAnUnseenInstance(30);

      Summary summary = service().handle(List.of(justNow));

      assertThat(summary.failedMessageIds()).containsExactly("msg-0");
      assertThat(summary.instances().get(0).error()).contains("does not show it yet");
    }

    @Test
    void pastTheGrace_itIsHandledAsGone_withANote() {
      StateChange longAgo = runningEventOfAnUnseenInstance(601);

      Summary summary = service().handle(List.of(longAgo));

      assertThat(summary.failedMessageIds()).isEmpty();
      assertThat(summary.instances().get(0).notes())
          .anyMatch(n -> n.contains("DDNS_LAUNCH_GRACE_SECONDS"));
    }
  }

  @Nested
  class OwnNames {
    @Test
    void aNameHeldByAnotherInstancesRecord_isReportedAsThatInstances_notAsForeign() {
      InstanceId holder = ec2.run(4, Map.of());
      DdnsService service = service();
      service.handle(events("running", holder));
      // Before names of this form were refused, a CNAME tag could claim the next address's name.
      RecordKey squatted =
          new RecordKey(corp, DnsName.parse("ip-10-0-1-7.corp.internal"), RecordType.CNAME);
      RecordSet alias =
          new RecordSet(
              squatted.name(), RecordType.CNAME, 60, List.of("ip-10-0-1-4.corp.internal."));
      registry.write(
          List.of(
              new RegistryWrite.PutClaim(
                  new Claim(
                      squatted,
                      DnsName.parse("corp.internal"),
                      0 + 1,
                      Map.of(holder, new Claimant(holder, Instant.EPOCH, 60, alias.values()))),
                  0)));
      dns.put(corp, alias);
      InstanceId late = ec2.run(7, Map.of());

      Summary summary = service.handle(events("running", late));

      assertThat(summary.instances().get(0).alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.kind()).isEqualTo(AlertKind.NAME_CONFLICT.name());
                assertThat(a.message()).contains(holder.value()).doesNotContain("not written");
              });
    }
  }

  @Nested
  class ZoneActionPolicy {
    @Test
    void aFailedReverseZoneCreation_writesTheForwardRecords_andAlertsTheMissingPointer() {
      FakeDnsZones bare = new FakeDnsZones();
      bare.privateZone("corp.internal", FakeInstances.VPC);
      bare.failZoneCreation();
      InstanceId id = ec2.run(23, Map.of());

      Summary summary =
          new DdnsService(
                  Config.fromEnvironment(env),
                  ddns.fakes.FakePorts.of(
                      ec2,
                      bare,
                      registry,
                      alerts,
                      TOPIC,
                      new ddns.fakes.FakeLifecycleActions(),
                      java.util.Optional.empty()),
                  new JsonLog(
                      new PrintStream(logs),
                      ddns.app.Application.objectMapper(),
                      clock,
                      JsonLog.Level.INFO),
                  clock)
              .handle(events("running", id));

      assertThat(summary.failedMessageIds()).isEmpty();
      assertThat(summary.instances().get(0).alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.kind()).isEqualTo("MISSING_REVERSE_ZONE");
                assertThat(a.message()).contains("create private zone", "no PTR");
              });
      assertThat(bare.recordsIn(bare.zoneNamed("corp.internal")))
          .extracting(r -> r.name().value())
          .containsExactly("ip-10-0-1-23.corp.internal.");
    }

    @Test
    void aFailedAssociation_isAlerted_andTheRecordsAreStillWritten() {
      ZoneId dev = dns.privateZone("dev.internal", "vpc-0other");
      dns.failAssociation();
      InstanceId id = ec2.run(23, Map.of("ZONE", "dev.internal"));

      Summary summary = service().handle(events("running", id));

      assertThat(summary.failedMessageIds()).isEmpty();
      assertThat(summary.instances().get(0).alerts())
          .extracting(Summary.AlertView::kind)
          .containsExactly(AlertKind.ASSOCIATION_FAILED.name());
      assertThat(dns.recordsIn(dev)).hasSize(1);
    }
  }

  @Nested
  class AlertMemory {
    @Test
    void anUnchangedProblem_isAlertedOnce_thenAgainOnlyAfterADay() {
      InstanceId id = ec2.run(23, Map.of("ZONE", "nowhere.test"));
      DdnsService service = service();

      service.handle(events("running", id));
      Summary again = service.handle(events("running", id));
      clock.advance(Duration.ofHours(25));
      service.handle(events("running", id));

      assertThat(alerts.sent()).hasSize(2);
      assertThat(alerts.sent().get(0).digest().instances()).containsExactly(id);
      assertThat(alerts.sent().get(0).digest().subject())
          .isEqualTo("route53-ddns: 1 instance: NO_SUCH_ZONE");
      assertThat(again.instances().get(0).notes()).anyMatch(n -> n.contains("not sent again"));
    }

    /** A thousand instances, each with a foreign A record at its {@code ip-…} name. */
    private List<InstanceId> fleetWithForeignRecords(int size) {
      List<InstanceId> fleet = new ArrayList<>();
      for (int host = 1; host <= size; host++) {
        InstanceId id = ec2.run(host, Map.of());
        fleet.add(id);
        String ip = ec2.describe(List.of(id)).get(id).privateIpv4().orElseThrow();
        dns.put(
            corp,
            new RecordSet(
                DnsName.parse("ip-" + ip.replace('.', '-') + ".corp.internal"),
                RecordType.A,
                300,
                List.of("192.0.2.1")));
      }
      return fleet;
    }

    @Test
    void aReconcileOfAThousandForeignRecords_sendsOneDigest_andRemembersInOneBatch() {
      List<InstanceId> fleet = fleetWithForeignRecords(1000);

      Summary summary = service().reconcile(false);

      assertThat(alerts.sent()).as("SNS publishes for the whole run").hasSize(1);
      Digest digest = alerts.sent().get(0).digest();
      assertThat(digest.instances()).containsExactlyElementsOf(fleet);
      assertThat(digest.subject()).isEqualTo("route53-ddns: 1,000 instances: FOREIGN_RECORD");
      assertThat(digest.message().getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(Digest.MAX_MESSAGE_BYTES);
      // Every instance is either named in the message or counted in its last line.
      List<InstanceId> named =
          fleet.stream().filter(id -> digest.message().contains("Instance " + id + ":")).toList();
      assertThat(named.size() + digest.leftOut().size()).isEqualTo(1000);
      if (!digest.leftOut().isEmpty()) {
        assertThat(digest.message())
            .contains(String.format("and %,d more instances", digest.leftOut().size()));
      }
      assertThat(registry.rememberCalls())
          .as("one batch handed to the memory")
          .containsExactly(1000);
      assertThat(summary.instances()).hasSize(1000);
    }

    @Test
    void aSecondRunWithinADay_sendsNothing_andAChangedProblem_sendsADigestOfThatInstanceOnly() {
      List<InstanceId> fleet = fleetWithForeignRecords(300);
      DdnsService service = service();
      service.reconcile(false);
      clock.advance(Duration.ofHours(23));

      service.reconcile(false);

      assertThat(alerts.sent()).as("nothing new within 24 h").hasSize(1);
      assertThat(registry.rememberCalls()).containsExactly(300);

      InstanceId changed = fleet.get(41);
      ec2.retag(changed, Map.of("ZONE", "nowhere.test"));
      service.reconcile(false);

      assertThat(alerts.sent()).hasSize(2);
      Digest digest = alerts.sent().get(1).digest();
      assertThat(digest.instances()).containsExactly(changed);
      assertThat(digest.subject())
          .isEqualTo("route53-ddns: 1 instance: FOREIGN_RECORD, NO_SUCH_ZONE");
      assertThat(digest.message()).contains("Instance " + changed + ":").contains("nowhere.test");
    }

    @Test
    void theMemoriesOfOneRun_expireSpreadOverFourHours_afterADay() {
      fleetWithForeignRecords(200);
      Instant now = clock.instant();

      service().reconcile(false);

      List<Instant> expiries = List.copyOf(registry.alertExpiries().values());
      assertThat(expiries).hasSize(200);
      assertThat(expiries)
          .allSatisfy(
              e ->
                  assertThat(e)
                      .isAfterOrEqualTo(now.plus(Duration.ofHours(24)))
                      .isBefore(now.plus(Duration.ofHours(28))));
      // Spread: every hour of the four holds some, none holds most.
      Map<Long, Long> perHour = new java.util.TreeMap<>();
      expiries.forEach(e -> perHour.merge(Duration.between(now, e).toHours(), 1L, Long::sum));
      assertThat(perHour).containsOnlyKeys(24L, 25L, 26L, 27L);
      assertThat(perHour.values()).allSatisfy(n -> assertThat(n).isBetween(20L, 80L));
    }

    @Test
    void aDryRun_publishesNothing() {
      env.put("DDNS_DRY_RUN", "true");
      InstanceId id = ec2.run(23, Map.of("ZONE", "nowhere.test"));

      Summary summary = service().handle(events("running", id));

      assertThat(summary.instances().get(0).alerts()).hasSize(1);
      assertThat(alerts.sent()).isEmpty();
      assertThat(dns.batches()).isEmpty();
    }
  }

  @Nested
  class Reconcile {
    @Test
    void registersTheFleet_andRemovesWhatStoppedInstancesLeft() {
      InstanceId a = ec2.run(4, Map.of());
      InstanceId b = ec2.run(5, Map.of());
      DdnsService service = service();
      service.handle(events("running", a, b));
      ec2.stop(b);
      InstanceId c = ec2.run(6, Map.of());

      Summary summary = service.reconcile(false);

      assertThat(summary.mode()).isEqualTo(Mode.RECONCILE);
      assertThat(summary.instances())
          .extracting(Summary.InstanceOutcome::instanceId)
          .containsExactlyInAnyOrder(b.value(), c.value());
      assertThat(dns.recordsIn(corp))
          .extracting(r -> r.name().value())
          .containsExactlyInAnyOrder("ip-10-0-1-4.corp.internal.", "ip-10-0-1-6.corp.internal.");
      assertThat(summary.metrics()).containsEntry("DriftFound", 4L);
    }

    @Test
    void aReconcile_countsTheZonesItCreated_againstTheAccountsQuota() {
      ec2.run(4, Map.of());
      registry.remember(
          new ddns.dns.HostedZone(
              ZoneId.of("ZCREATED"),
              DnsName.parse("2.0.10.in-addr.arpa"),
              true,
              0,
              java.util.Optional.of(FakeInstances.VPC)));

      Summary summary = service().reconcile(false);

      assertThat(summary.notes())
          .contains(
              "hosted zones: 1 created by route53-ddns; the account has 2 of its quota of 500");
    }

    @Test
    void anInstanceThatStopsWhileTheReconcileRuns_losesTheRecordsTheReconcileWrote() {
      InstanceId other = ec2.run(5, Map.of("POOL", "web"));
      DdnsService service = service();
      service.handle(events("running", other));
      InstanceId stopping = ec2.run(4, Map.of("HOSTNAME", "db01", "POOL", "web"));
      dns.beforeNextChange(() -> ec2.stop(stopping));

      Summary summary = service.reconcile(false);

      assertThat(dns.recordsIn(corp))
          .extracting(r -> r.name().value() + " " + String.join(",", r.values()))
          .containsExactlyInAnyOrder(
              "ip-10-0-1-5.corp.internal. 10.0.1.5", "web.corp.internal. 10.0.1.5");
      assertThat(registry.owners()).containsOnlyKeys(other);
      assertThat(summary.instances())
          .filteredOn(i -> i.instanceId().equals(stopping.value()))
          .singleElement()
          .satisfies(
              i -> {
                assertThat(i.action()).isEqualTo(Action.DEREGISTER);
                assertThat(i.notes()).anyMatch(n -> n.contains("stopped while the reconcile"));
              });
    }

    @Test
    void aFailedInstance_isCountedAsFailed_notAsAChangeMade() {
      ec2.run(4, Map.of());
      dns.failChangesAt("ip-10-0-1-4.corp.internal");

      Summary summary = service().reconcile(false);

      assertThat(summary.notes())
          .contains(
              "1 instances checked (running, or registered and no longer running); 0 needed"
                  + " changes or raised alerts, 1 failed (see their errors); the others are in"
                  + " line");
    }
  }

  @Nested
  class ManyAccounts {
    private final Workplace home = new Workplace("123456789012", "us-east-1");
    private final Workplace member = new Workplace("222222222222", "eu-west-1");

    @BeforeEach
    void organization() {
      env.put("DDNS_ACCOUNTS", "222222222222");
      env.put("DDNS_REGIONS", "eu-west-1");
      ec2.home(home);
    }

    @Test
    void aScheduledReconcile_isHandedOutAsOneUnitPerAccountAndRegion_andEachUnitDoesItsOwn() {
      queue = java.util.Optional.of((body, delay) -> queued.add(body));
      ec2.run(4, Map.of());
      ec2.runIn(member, 5, Map.of());

      Summary scheduled =
          service()
              .handle(
                  List.of(
                      new InboundEvent.Scheduled("msg-0", "evt-0", home.account(), home.region())));

      assertThat(scheduled.failedMessageIds()).isEmpty();
      assertThat(scheduled.notes()).anyMatch(n -> n.contains("handed out as 4 units of work"));
      assertThat(dns.recordsIn(corp)).isEmpty();
      assertThat(queued)
          .hasSize(4)
          .anyMatch(b -> b.contains("\"222222222222\"") && b.contains("\"eu-west-1\""));

      List<Summary> units = new ArrayList<>();
      for (String body : List.copyOf(queued)) {
        units.add(
            service()
                .handle(
                    new ddns.event.EventDecoder(ddns.app.Application.objectMapper())
                        .decode(body)
                        .events()));
      }

      assertThat(units).allSatisfy(u -> assertThat(u.failedMessageIds()).isEmpty());
      assertThat(units)
          .flatExtracting(Summary::instances)
          .extracting(Summary.InstanceOutcome::instanceId)
          .containsExactlyInAnyOrder("i-00000004", "222222222222/eu-west-1/i-00000005");
      assertThat(dns.recordsIn(corp))
          .extracting(r -> r.name().value())
          .contains("ip-10-0-1-4.corp.internal.", "ip-10-0-1-5.corp.internal.");
      assertThat(queued).as("units hand nothing out again").hasSize(4);
    }

    @Test
    void anAddressChangeNamingNoInstance_queuesAUnitForItsAccountAndRegionOnly() {
      queue = java.util.Optional.of((body, delay) -> queued.add(body));

      Summary summary =
          service()
              .handle(
                  List.of(
                      new InboundEvent.AddressChange(
                          "msg-0",
                          "evt-0",
                          List.of(),
                          "DisassociateAddress",
                          true,
                          member.account(),
                          member.region())));

      assertThat(summary.failedMessageIds()).isEmpty();
      assertThat(queued)
          .singleElement()
          .satisfies(b -> assertThat(b).contains("\"222222222222\"", "\"eu-west-1\""));
    }

    @Test
    void anEventOfAnotherAccount_namesTheInstanceThere_andOneOfAnAccountNotServedIsRejected() {
      InstanceId theirs = ec2.runIn(member, 7, Map.of());
      InstanceId bare = InstanceId.of(theirs.ec2Id());

      Summary summary =
          service()
              .handle(
                  List.of(
                      new StateChange("m1", "e1", bare, "running", "222222222222", "eu-west-1"),
                      new StateChange("m2", "e2", bare, "running", "444444444444", "eu-west-1")));

      assertThat(summary.instances())
          .extracting(Summary.InstanceOutcome::instanceId)
          .containsExactly("222222222222/eu-west-1/i-00000007");
      assertThat(registry.owners()).containsOnlyKeys(theirs);
      assertThat(summary.rejected())
          .singleElement()
          .satisfies(r -> assertThat(r.error()).contains("444444444444", "DDNS_ACCOUNTS"));
    }

    @Test
    void whenTheToolsOwnAccountCannotBeLookedUp_theEventsFailAndComeBack_withTheReason() {
      InstanceId theirs = ec2.runIn(member, 7, Map.of());
      ec2.homeUnknown("Throttling: Rate exceeded");

      Summary summary =
          service()
              .handle(
                  List.of(
                      new StateChange(
                          "m1",
                          "e1",
                          InstanceId.of(theirs.ec2Id()),
                          "running",
                          "222222222222",
                          "eu-west-1")));

      assertThat(summary.failedMessageIds()).containsExactly("m1");
      assertThat(summary.instances())
          .singleElement()
          .satisfies(i -> assertThat(i.error()).contains("which account", "Throttling"));
      assertThat(registry.owners()).isEmpty();
    }

    @Test
    void
        anInstanceStartedAgainWhileItsStopWasApplied_isRegisteredAgain_evenWhenAnotherAccountFails() {
      InstanceId own = ec2.run(4, Map.of());
      InstanceId theirs = ec2.runIn(member, 5, Map.of());
      DdnsService service = service();
      service.reconcile(false);
      ec2.stop(own);
      ec2.stop(theirs);
      dns.beforeNextChange(
          () -> {
            ec2.start(own);
            ec2.unreachable(member);
          });

      service.handle(
          List.of(
              new StateChange("m1", "e1", own, "stopped", "123456789012", "us-east-1"),
              new StateChange(
                  "m2",
                  "e2",
                  InstanceId.of(theirs.ec2Id()),
                  "stopped",
                  "222222222222",
                  "eu-west-1")));

      assertThat(registry.owners()).containsOnlyKeys(own);
      assertThat(dns.recordsIn(corp))
          .extracting(r -> r.values().get(0))
          .containsExactly("10.0.1.4");
    }

    @Test
    void reconcileOfOneAccount_leavesTheOthersInstancesAlone() {
      InstanceId own = ec2.run(4, Map.of());
      InstanceId theirs = ec2.runIn(member, 5, Map.of());
      DdnsService service = service();
      service.reconcile(false);
      ec2.stop(own);
      ec2.stop(theirs);

      Summary scoped =
          service.reconcile(false, new Scope(Optional.of("222222222222"), Optional.empty()));

      assertThat(scoped.instances())
          .extracting(Summary.InstanceOutcome::instanceId)
          .containsExactly(theirs.value());
      assertThat(registry.owners()).containsOnlyKeys(own);
      Summary none =
          service.reconcile(false, new Scope(Optional.of("999999999999"), Optional.empty()));
      assertThat(none.exitStatus()).isEqualTo(1);
      assertThat(none.instances())
          .singleElement()
          .satisfies(
              i ->
                  assertThat(i.error())
                      .contains("no account and region served matches --account 999999999999"));
    }

    @Test
    void anAccountNoLongerServed_keepsItsRecords_untilItIsServedAgainOrUninstalled() {
      InstanceId own = ec2.run(4, Map.of());
      InstanceId theirs = ec2.runIn(member, 5, Map.of());
      service().reconcile(false);
      env.remove("DDNS_ACCOUNTS");
      env.remove("DDNS_REGIONS");
      ec2.home(Workplace.own("us-east-1"));
      ec2.stop(theirs);

      Summary alone = service().reconcile(false);

      assertThat(alone.exitStatus()).isZero();
      assertThat(registry.owners()).containsOnlyKeys(own, theirs);
      assertThat(dns.recordsIn(corp)).extracting(r -> r.values().get(0)).contains("10.0.1.5");

      service().uninstall(false);

      assertThat(registry.owners()).isEmpty();
      assertThat(dns.recordsIn(corp)).isEmpty();
    }

    @Test
    void anAccountThatCannotBeRead_isNotedAndAlertedOnce_andItsInstancesAreNotTakenForGone() {
      InstanceId own = ec2.run(4, Map.of());
      InstanceId theirs = ec2.runIn(member, 5, Map.of());
      DdnsService service = service();
      service.reconcile(false);
      ec2.unreachable(member);

      Summary first = service.reconcile(false);
      Summary second = service.reconcile(false);

      assertThat(registry.owners()).containsOnlyKeys(own, theirs);
      assertThat(first.exitStatus()).isEqualTo(1);
      assertThat(first.failedMessageIds()).containsExactly("222222222222/eu-west-1");
      assertThat(first.notes()).anyMatch(n -> n.contains("account 222222222222, region eu-west-1"));
      assertThat(second.failedMessageIds()).containsExactly("222222222222/eu-west-1");
      assertThat(alerts.sent())
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.digest().workplaces())
                    .containsExactly("account 222222222222 eu-west-1 unreachable");
                assertThat(n.digest().message()).contains("AccessDenied");
                assertThat(n.digest().subject())
                    .isEqualTo("route53-ddns: 1 workplace: WORKPLACE_UNREACHABLE");
              });
    }
  }

  @Nested
  class Pools {
    @Test
    void aMemberJoiningWhileAnotherJoins_isNotLost_toTheOthersStaleWrite() {
      InstanceId first = ec2.run(5, Map.of("POOL", "web"));
      InstanceId second = ec2.run(6, Map.of("POOL", "web"));
      DdnsService one = service();
      DdnsService other = service();
      // The second joins completely between the first's read and its write.
      dns.beforeNextChange(() -> other.handle(events("running", second)));

      Summary summary = one.handle(events("running", first));

      assertThat(summary.exitStatus()).isZero();
      assertThat(dns.recordsIn(corp))
          .filteredOn(r -> r.name().value().equals("web.corp.internal."))
          .singleElement()
          .satisfies(r -> assertThat(r.values()).containsExactly("10.0.1.5", "10.0.1.6"));
      assertThat(logs.toString(StandardCharsets.UTF_8))
          .contains("Route 53 holds other records than expected");
    }

    @Test
    void membersLeaving_shrinkThePool_andTheLastOneDeletesIt() {
      InstanceId first = ec2.run(5, Map.of("POOL", "web"));
      InstanceId second = ec2.run(6, Map.of("POOL", "web"));
      service().handle(events("running", first, second));

      ec2.stop(first);
      service().handle(events("stopped", first));
      List<String> afterOne = poolValues();
      ec2.stop(second);
      service().handle(events("stopped", second));

      assertThat(afterOne).containsExactly("10.0.1.6");
      assertThat(poolValues()).isEmpty();
      assertThat(registry.claims().keySet()).noneMatch(k -> k.name().value().startsWith("web."));
    }

    private List<String> poolValues() {
      return dns.recordsIn(corp).stream()
          .filter(r -> r.name().value().equals("web.corp.internal."))
          .flatMap(r -> r.values().stream())
          .toList();
    }
  }

  /** A clock the test moves by hand. */
  private static final class TestClock extends Clock {
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
