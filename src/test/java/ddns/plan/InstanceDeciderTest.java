package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.ZoneId;
import ddns.facts.BatchFacts;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceState;
import ddns.facts.VpcFacts;
import ddns.plan.Occasion.Hold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Deciding each instance's action from EC2's state, and planning it, from the batch's facts. */
class InstanceDeciderTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final InstanceId ID = InstanceId.of("i-0123456789abcdef0");
  private static final String VPC = "vpc-1";
  private static final HostedZone CORP =
      new HostedZone(ZoneId.of("ZCORP"), DnsName.parse("corp.internal"), true);
  private static final HostedZone REVERSE =
      new HostedZone(ZoneId.of("ZREV"), DnsName.parse("1.0.10.in-addr.arpa"), true);
  private static final HostedZone EXAMPLE_PUBLIC =
      new HostedZone(ZoneId.of("ZEXPUB"), DnsName.parse("example.org"), false);
  private static final List<HostedZone> ZONES = List.of(CORP, REVERSE, EXAMPLE_PUBLIC);

  private final InstanceDecider decider =
      new InstanceDecider(new RecordRules(PlanningRules.defaults()), Duration.ofMinutes(5));

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource({
    "RUNNING,       NONE,           REGISTER",
    "RUNNING,       LAUNCH_HOOK,    REGISTER",
    "RUNNING,       TERMINATE_HOOK, DEREGISTER",
    "RUNNING,       WARM_POOL,      SKIP",
    "PENDING,       NONE,           SKIP",
    "PENDING,       LAUNCH_HOOK,    REGISTER",
    "PENDING,       TERMINATE_HOOK, DEREGISTER",
    "PENDING,       WARM_POOL,      SKIP",
    "STOPPING,      NONE,           DEREGISTER",
    "STOPPED,       WARM_POOL,      DEREGISTER",
    "SHUTTING_DOWN, NONE,           DEREGISTER",
    "TERMINATED,    LAUNCH_HOOK,    DEREGISTER"
  })
  void theActionFollowsEc2sState_exceptWhereAHookHoldsTheInstance(
      InstanceState state, Hold hold, Action expected) {
    InstanceFacts instance = instance(state, Map.of());

    InstanceDecision decided =
        decider.decide(ID, new Occasion(hold, Optional.empty(), Optional.empty()), facts(instance));

    assertThat(decided.action()).isEqualTo(expected);
    assertThat(decided.state()).isEqualTo(state.ec2Name());
    assertThat(decided.plan().isPresent()).isEqualTo(expected == Action.REGISTER);
    assertThat(
            InstanceDecider.registers(
                instance, new Occasion(hold, Optional.empty(), Optional.empty())))
        .isEqualTo(expected == Action.REGISTER);
  }

  @Test
  void aRunningInstance_isPlannedFromTheFacts_withItsVpcsZones() {
    InstanceDecision decided =
        decider.decide(ID, Occasion.none(), facts(instance(InstanceState.RUNNING, Map.of())));

    assertThat(decided.failure()).isEmpty();
    assertThat(decided.plan().orElseThrow().records())
        .extracting(r -> r.key().zoneId().value() + " " + r.key().name().value())
        .containsExactly("ZCORP ip-10-0-1-23.corp.internal.", "ZREV 23.1.0.10.in-addr.arpa.");
  }

  @Test
  void aPendingInstanceHeldByALaunchHook_isPlannedAsRunning() {
    InstanceDecision decided =
        decider.decide(
            ID,
            new Occasion(Hold.LAUNCH_HOOK, Optional.empty(), Optional.empty()),
            facts(instance(InstanceState.PENDING, Map.of())));

    assertThat(decided.state()).isEqualTo("pending");
    assertThat(decided.plan().orElseThrow().records()).hasSize(2);
  }

  @Test
  void anInstanceWhoseVpcCouldNotBeRead_fails_andIsNotPlanned() {
    InstanceFacts instance = instance(InstanceState.RUNNING, Map.of());
    BatchFacts facts =
        BatchFacts.builder(NOW)
            .instances(List.of(instance))
            .unreadable(VPC, "EC2 throttled")
            .build();

    InstanceDecision decided = decider.decide(ID, Occasion.none(), facts);

    assertThat(decided.action()).isEqualTo(Action.REGISTER);
    assertThat(decided.plan()).isEmpty();
    assertThat(decided.failure()).contains("EC2 throttled");
  }

  @Test
  void anEventThatSaidAnotherState_isNoted_andEc2sStateIsActedOn() {
    InstanceDecision decided =
        decider.decide(
            ID,
            new Occasion(Hold.NONE, Optional.of(InstanceState.STOPPED), Optional.of(NOW)),
            facts(instance(InstanceState.RUNNING, Map.of())));

    assertThat(decided.action()).isEqualTo(Action.REGISTER);
    assertThat(decided.notes())
        .contains("event said stopped; acting on EC2's current state running");
  }

  @ParameterizedTest(name = "event {0} s before the facts were read")
  @CsvSource({"60, SKIP, true", "301, DEREGISTER, false"})
  void anInstanceEc2DoesNotShow_isRetriedWithinTheGrace_andTakenForGoneAfterIt(
      long secondsBefore, Action expected, boolean failed) {
    Occasion launch =
        new Occasion(
            Hold.NONE,
            Optional.of(InstanceState.RUNNING),
            Optional.of(NOW.minusSeconds(secondsBefore)));

    InstanceDecision decided = decider.decide(ID, launch, BatchFacts.builder(NOW).build());

    assertThat(decided.action()).isEqualTo(expected);
    assertThat(decided.state()).isEqualTo(InstanceDecision.UNKNOWN);
    assertThat(decided.failure().isPresent()).isEqualTo(failed);
  }

  @Test
  void aStoppedInstanceGone_fromEc2_isDeregistered_whateverTheTime() {
    InstanceDecision decided =
        decider.decide(
            ID,
            new Occasion(Hold.NONE, Optional.of(InstanceState.STOPPED), Optional.of(NOW)),
            BatchFacts.builder(NOW).build());

    assertThat(decided.action()).isEqualTo(Action.DEREGISTER);
    assertThat(decided.failure()).isEmpty();
  }

  @Test
  void dnsSupport_isNeeded_whereRecordsGoToAPrivateZone() {
    BatchFacts facts = facts(instance(InstanceState.RUNNING, Map.of()));

    assertThat(decider.dnsSupportNeeded(Map.of(ID, Occasion.none()), facts)).containsExactly(VPC);
  }

  @Test
  void dnsSupport_isNotNeeded_forPublicRecordsOnly_norForAnInstanceNotRegistered() {
    InstanceFacts publicOnly =
        instance(InstanceState.RUNNING, Map.of("ZONE", "example.org"), List.of("54.1.2.3"));
    InstanceFacts stopped = instance(InstanceState.STOPPED, Map.of());
    BatchFacts noDhcpZone = facts(publicOnly, VpcFacts.unread(VPC, List.of()));

    assertThat(plan(noDhcpZone).records())
        .extracting(r -> r.key().zoneId().value())
        .containsExactly("ZEXPUB");
    assertThat(decider.dnsSupportNeeded(Map.of(ID, Occasion.none()), noDhcpZone)).isEmpty();
    assertThat(decider.dnsSupportNeeded(Map.of(ID, Occasion.none()), facts(stopped))).isEmpty();
  }

  @Test
  void dnsSupport_isNotNeeded_whereItWasReadAlready() {
    BatchFacts read =
        facts(instance(InstanceState.RUNNING, Map.of()))
            .withDnsSupport(Map.of(VPC, true), Map.of());

    assertThat(decider.dnsSupportNeeded(Map.of(ID, Occasion.none()), read)).isEmpty();
  }

  static Stream<Arguments> instancesOfAllKinds() {
    List<Map<String, String>> tags =
        List.of(
            Map.of(),
            Map.of("ZONE", "example.org"),
            Map.of("ZONE", "corp.internal"),
            Map.of("ZONE", "nozone.test"),
            Map.of("CNAME", "www.example.org"),
            Map.of("CNAME", "web.corp.internal"),
            Map.of("HOSTNAME", "web.example.org"),
            Map.of("HOSTNAME", "web01"),
            Map.of("HOSTNAME", "web01", "ZONE", "example.org"),
            Map.of("POOL", "pool.example.org"),
            Map.of("POOL", "pool.corp.internal"));
    List<Arguments> rows = new ArrayList<>();
    for (Map<String, String> t : tags) {
      for (List<String> dhcp : List.of(List.<String>of(), List.of("corp.internal"))) {
        for (boolean publicIp : List.of(true, false)) {
          rows.add(Arguments.of(t, dhcp, publicIp));
        }
      }
    }
    return rows.stream();
  }

  /**
   * Where DNS support is not read, its answer would change no record: the plan with it off is the
   * plan with it on (docs/behaviour.md, "Records").
   */
  @ParameterizedTest(name = "{0} dhcp={1} public={2}")
  @MethodSource("instancesOfAllKinds")
  void whereDnsSupportIsNotRead_itsAnswerChangesNoRecord(
      Map<String, String> tags, List<String> dhcp, boolean publicIp) {
    InstanceFacts instance =
        instance(InstanceState.RUNNING, tags, publicIp ? List.of("54.1.2.3") : List.of());
    BatchFacts unread = facts(instance, VpcFacts.unread(VPC, dhcp));

    boolean needed = !decider.dnsSupportNeeded(Map.of(ID, Occasion.none()), unread).isEmpty();

    InstancePlan on = plan(unread.withDnsSupport(Map.of(VPC, true), Map.of()));
    InstancePlan off = plan(unread.withDnsSupport(Map.of(VPC, false), Map.of()));
    if (!needed) {
      assertThat(off.records()).isEqualTo(on.records());
      assertThat(off.zoneActions()).isEqualTo(on.zoneActions());
    } else {
      assertThat(off.records().size() + off.zoneActions().size())
          .isLessThan(on.records().size() + on.zoneActions().size());
    }
  }

  private InstancePlan plan(BatchFacts facts) {
    return decider.decide(ID, Occasion.none(), facts).plan().orElseThrow();
  }

  private static BatchFacts facts(InstanceFacts instance) {
    return facts(instance, VpcFacts.unread(VPC, List.of("corp.internal")));
  }

  private static BatchFacts facts(InstanceFacts instance, VpcFacts vpc) {
    return BatchFacts.builder(NOW)
        .instances(List.of(instance))
        .zones(ZONES)
        .vpc(vpc, Set.of(CORP.id(), REVERSE.id()))
        .build();
  }

  private static InstanceFacts instance(InstanceState state, Map<String, String> tags) {
    return instance(state, tags, List.of());
  }

  private static InstanceFacts instance(
      InstanceState state, Map<String, String> tags, List<String> publicIp) {
    boolean withPublic = !publicIp.isEmpty();
    return InstanceFacts.builder(ID, state, Instant.parse("2026-11-26T10:00:00Z"))
        .vpcId(VPC)
        .privateIp("10.0.1.23")
        .privateDnsName("ip-10-0-1-23.ec2.internal")
        .publicIp(withPublic ? publicIp.get(0) : null)
        .publicDnsName(withPublic ? "ec2-54-1-2-3.compute-1.amazonaws.com" : null)
        .tags(new LinkedHashMap<>(tags))
        .build();
  }
}
