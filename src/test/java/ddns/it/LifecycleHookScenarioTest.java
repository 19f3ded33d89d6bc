package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordType;
import ddns.faults.Fault;
import ddns.faults.FaultProxy;
import ddns.faults.LifecycleActionsEmulation.Completion;
import ddns.run.Summary;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Auto Scaling lifecycle hooks end to end (docs/behaviour.md, "Lifecycle hooks"): the test plays
 * Auto Scaling, opening each action in the proxy, which emulates {@code CompleteLifecycleAction} as
 * the emulator lacks it; the code under test writes or removes the records, then completes.
 */
class LifecycleHookScenarioTest extends FaultTestBase {
  private static final String GROUP = "web";
  private static final String LAUNCH_HOOK = "route53-ddns-launch";
  private static final String TERMINATE_HOOK = "route53-ddns-terminate";

  private AwsWorld.Network net;
  private String zone;

  private String instance() {
    if (net == null) {
      net = world.network("10.20.0.0/16", "corp.internal", true);
      zone = world.privateZone("corp.internal", net.vpcId());
      world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    }
    return world.launch(net, Map.of(), false);
  }

  /**
   * Auto Scaling holds the instance for the hook; the event it sends, as EventBridge delivers it.
   */
  private String hold(String fixture, String id, String hook, Map<String, String> fields) {
    String token = UUID.randomUUID().toString();
    proxy.lifecycleActions().open(token, GROUP, hook, id);
    Map<String, String> all = new java.util.HashMap<>(fields);
    all.put("LifecycleHookName", hook);
    all.put("AutoScalingGroupName", GROUP);
    return Events.lifecycle(fixture, id, token, all);
  }

  private String launch(String id, Map<String, String> fields) {
    return hold("lifecycle-launch.json", id, LAUNCH_HOOK, fields);
  }

  private String terminate(String id, Map<String, String> fields) {
    return hold("lifecycle-terminate.json", id, TERMINATE_HOOK, fields);
  }

  private boolean hasA(String id) {
    return world.records(zone).stream()
        .anyMatch(r -> r.type() == RecordType.A && r.values().contains(privateIp(id)));
  }

  /** The index of the last call of the operation the proxy saw. */
  private int lastCall(String operation) {
    List<FaultProxy.Call> calls = proxy.calls();
    for (int i = calls.size() - 1; i >= 0; i--) {
      if (calls.get(i).operation().equals(operation)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void launchHook_writesTheRecords_thenCompletesWithContinue_withTheEventsToken() {
    String id = instance();
    String event = launch(id, Map.of());

    Summary summary = handle(event);

    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(hasA(id)).isTrue();
    List<Completion> done = proxy.lifecycleActions().completions();
    assertThat(done).hasSize(1);
    assertThat(done.get(0).result()).isEqualTo("CONTINUE");
    assertThat(done.get(0).action().instanceId()).isEqualTo(id);
    assertThat(done.get(0).order())
        .as("completed after the records were written")
        .isGreaterThan(lastCall("ChangeResourceRecordSets"));
    assertThat(summary.instances().get(0).notes())
        .anyMatch(n -> n.contains("completed with CONTINUE"));
    assertThat(summary.notes()).anyMatch(n -> n.startsWith("time to submit"));
    assertThat(logs()).containsPattern("\"TimeToSubmit\":\\[[0-9]+\\]");
  }

  @Test
  void
      terminateHook_removesTheRecordsWhileEc2StillSaysRunning_thenContinues_andAReplayIsHarmless() {
    String id = instance();
    handle(Events.stateChange(id, "running"));
    assertThat(hasA(id)).isTrue();
    String event = terminate(id, Map.of());

    Summary summary = handle(event);

    assertThat(world.describe(id).state().nameAsString()).isEqualTo("running");
    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(world.records(zone)).noneMatch(r -> r.type() == RecordType.A);
    assertThat(registry()).isEmpty();
    List<Completion> done = proxy.lifecycleActions().completions();
    assertThat(done).singleElement().satisfies(c -> assertThat(c.result()).isEqualTo("CONTINUE"));
    assertThat(done.get(0).order()).isGreaterThan(lastCall("ChangeResourceRecordSets"));

    Summary replay = handle(event);

    assertThat(replay.failedMessageIds()).isEmpty();
    assertThat(replay.instances().get(0).notes()).anyMatch(n -> n.contains("no longer waits"));
    assertThat(proxy.lifecycleActions().completions()).hasSize(1);
    assertThat(hasA(id)).as("the replay did not register it again").isFalse();
  }

  @Test
  void launchWhoseRecordsRoute53Refuses_continuesWithAnAlert_byDefault() {
    String id = instance();
    refuseRecordChanges();

    Summary summary = handle(Events.sqsBatch(List.of(launch(id, Map.of()))));

    assertThat(proxy.lifecycleActions().completions())
        .singleElement()
        .satisfies(c -> assertThat(c.result()).isEqualTo("CONTINUE"));
    assertThat(summary.instances().get(0).alerts())
        .anyMatch(
            a -> a.kind().equals("LIFECYCLE_RECORDS_FAILED") && a.message().contains("CONTINUE"));
    assertThat(summary.failedMessageIds())
        .as(
            "a refusal is Route 53's answer about the record: sent again, it would be refused again")
        .isEmpty();
    assertThat(summary.instances().get(0).alerts())
        .anyMatch(a -> a.kind().equals("RECORD_REFUSED"));
    assertThat(world.alerts()).anyMatch(a -> a.contains("LIFECYCLE_RECORDS_FAILED"));
  }

  @Test
  void launchWhoseRecordsRoute53Refuses_abandons_whenTheHooksMetadataAsks() {
    String id = instance();
    refuseRecordChanges();

    Summary summary =
        handle(launch(id, Map.of("NotificationMetadata", "team=web ddns:on-failure=abandon")));

    assertThat(proxy.lifecycleActions().completions())
        .singleElement()
        .satisfies(c -> assertThat(c.result()).isEqualTo("ABANDON"));
    assertThat(summary.instances().get(0).alerts())
        .anyMatch(
            a -> a.kind().equals("LIFECYCLE_RECORDS_FAILED") && a.message().contains("ABANDON"));
  }

  @Test
  void aHookNotMeantForTheTool_isLeftAlone() {
    String id = instance();
    String event =
        hold(
            "lifecycle-launch.json",
            id,
            "drain-connections",
            Map.of("NotificationMetadata", "team=web"));

    Summary summary = handle(event);

    assertThat(summary.instances()).isEmpty();
    assertThat(summary.notes())
        .anyMatch(n -> n.contains("'drain-connections'") && n.contains("left alone"));
    assertThat(proxy.calls()).noneMatch(c -> c.service().equals("autoscaling"));
    assertThat(proxy.lifecycleActions().completions()).isEmpty();
    assertThat(hasA(id)).isFalse();
  }

  @Test
  void aHookOfAnotherName_isTheTools_whenItsMetadataSaysSo() {
    String id = instance();

    handle(
        hold(
            "lifecycle-launch.json",
            id,
            "dns",
            Map.of("NotificationMetadata", "ddns:on-failure=continue")));

    assertThat(hasA(id)).isTrue();
    assertThat(proxy.lifecycleActions().completions()).hasSize(1);
  }

  @Test
  void warmPool_noRecordsWhileWarmed_recordsWhenLeavingThePool_noneAfterReturning() {
    String id = instance();

    Summary warmed = handle(launch(id, Map.of("Origin", "EC2", "Destination", "WarmPool")));

    assertThat(hasA(id)).as("Warmed:*: no records").isFalse();
    assertThat(warmed.instances().get(0).notes()).anyMatch(n -> n.contains("warm pool"));
    assertThat(proxy.lifecycleActions().completions()).hasSize(1);

    handle(launch(id, Map.of("Origin", "WarmPool", "Destination", "AutoScalingGroup")));

    assertThat(hasA(id)).as("left the pool for the group").isTrue();
    assertThat(proxy.lifecycleActions().completions()).hasSize(2);

    handle(terminate(id, Map.of("Origin", "AutoScalingGroup", "Destination", "WarmPool")));

    assertThat(hasA(id)).as("returned to the pool on scale-in").isFalse();
    assertThat(proxy.lifecycleActions().completions())
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.result()).isEqualTo("CONTINUE"));
  }

  private void refuseRecordChanges() {
    proxy.add(
        call ->
            call.operation().equals("ChangeResourceRecordSets")
                ? Fault.invalidChangeBatch(
                    "Invalid Resource Record: FATAL problem: ARRDATAIllegalIPv4Address (Value is"
                        + " not a valid IPv4 address)")
                : null);
  }
}
