package ddns.run;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.config.Config;
import ddns.event.FollowUp;
import ddns.event.InboundEvent;
import ddns.event.InboundEvent.LifecycleAction;
import ddns.event.InboundEvent.LifecycleFollowUp;
import ddns.event.InboundEvent.StateChange;
import ddns.event.LifecycleHook;
import ddns.event.LifecycleHook.Transition;
import ddns.facts.InstanceId;
import ddns.fakes.FakeAlerts;
import ddns.fakes.FakeDnsZones;
import ddns.fakes.FakeInstances;
import ddns.fakes.FakeLifecycleActions;
import ddns.fakes.FakeRegistry;
import ddns.lifecycle.FollowUps;
import ddns.lifecycle.LifecycleActions.Result;
import ddns.log.JsonLog;
import ddns.plan.Action;
import java.io.ByteArrayOutputStream;
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
 * Lifecycle hooks on in-memory fakes of the ports (docs/behaviour.md, "Lifecycle hooks"): the
 * branches the emulator scenarios do not reach. Milliseconds, no emulator.
 */
class LifecycleServiceTest {
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:DDNSAlerts";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

  private final FakeInstances ec2 = new FakeInstances("corp.internal");
  private final FakeDnsZones dns = new FakeDnsZones();
  private final FakeRegistry registry = new FakeRegistry();
  private final FakeAlerts alerts = new FakeAlerts();
  private final FakeLifecycleActions actions = new FakeLifecycleActions();
  private final List<String> followUps = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>(Map.of("DDNS_ALERT_TOPIC_ARN", TOPIC));

  {
    dns.privateZone("corp.internal", FakeInstances.VPC);
    dns.privateZone("1.0.10.in-addr.arpa", FakeInstances.VPC);
  }

  private DdnsService service(boolean withQueue) {
    FollowUps queue = (body, delay) -> followUps.add(body);
    return new DdnsService(
        Config.fromEnvironment(env),
        ddns.fakes.FakePorts.of(
            ec2,
            dns,
            registry,
            alerts,
            TOPIC,
            actions,
            withQueue ? Optional.of(queue) : Optional.empty()),
        new JsonLog(
            new PrintStream(new ByteArrayOutputStream()),
            ddns.app.Application.objectMapper(),
            CLOCK,
            JsonLog.Level.DEBUG),
        CLOCK);
  }

  private LifecycleHook hook(String token, Transition transition, String metadata) {
    actions.waiting(token);
    return new LifecycleHook(
        "web", "route53-ddns-hook", token, transition, "EC2", "AutoScalingGroup", metadata);
  }

  private static InboundEvent action(String message, InstanceId id, LifecycleHook hook) {
    return new LifecycleAction(
        message,
        "evt-" + message,
        id,
        hook,
        "123456789012",
        "us-east-1",
        Optional.of(CLOCK.instant()));
  }

  @Test
  void aLaunchWhileEc2StillSaysPending_isRegistered_andContinued() {
    InstanceId id = ec2.run(4, Map.of());
    ec2.pending(id);

    Summary summary =
        service(false).handle(List.of(action("m1", id, hook("t1", Transition.LAUNCHING, ""))));

    assertThat(summary.instances().get(0).action()).isEqualTo(Action.REGISTER);
    assertThat(summary.instances().get(0).changes()).isNotEmpty();
    assertThat(summary.notes())
        .contains(
            "time to submit (event to Route 53 accepting the change) of 1 instances: median 0.0"
                + " s, longest 0.0 s");
    assertThat(actions.completions())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.result()).isEqualTo(Result.CONTINUE);
              assertThat(c.token()).isEqualTo("t1");
            });
  }

  @Test
  void aTerminationWhoseRecordsCannotBeRemoved_isNotCompleted_andItsMessageComesBack() {
    InstanceId id = ec2.run(4, Map.of());
    service(false).handle(List.of(new StateChange("m0", "e0", id, "running", null, null)));
    dns.failChangesAt("ip-10-0-1-4.corp.internal");

    Summary summary =
        service(false).handle(List.of(action("m1", id, hook("t1", Transition.TERMINATING, ""))));

    assertThat(actions.completions()).isEmpty();
    assertThat(summary.failedMessageIds()).containsExactly("m1");
    assertThat(summary.instances().get(0).notes())
        .anyMatch(n -> n.contains("keeps it in Terminating:Wait"));
  }

  @Test
  void anUnknownOnFailureChoice_continues_withAnAlertNamingTheMetadata() {
    InstanceId id = ec2.run(4, Map.of());
    dns.refuseChangesAt("ip-10-0-1-4.corp.internal");

    Summary summary =
        service(false)
            .handle(
                List.of(
                    action("m1", id, hook("t1", Transition.LAUNCHING, "ddns:on-failure=maybe"))));

    assertThat(actions.completions())
        .singleElement()
        .satisfies(c -> assertThat(c.result()).isEqualTo(Result.CONTINUE));
    assertThat(summary.instances().get(0).alerts())
        .extracting(Summary.AlertView::kind)
        .contains("INVALID_HOOK_METADATA", "LIFECYCLE_RECORDS_FAILED");
  }

  @Test
  void aDryRun_completesNothing_andSaysWhatItWould() {
    env.put("DDNS_DRY_RUN", "true");
    InstanceId id = ec2.run(4, Map.of());

    Summary summary =
        service(false).handle(List.of(action("m1", id, hook("t1", Transition.LAUNCHING, ""))));

    assertThat(actions.completions()).isEmpty();
    assertThat(summary.instances().get(0).notes())
        .anyMatch(n -> n.startsWith("dry run:") && n.contains("CONTINUE"));
  }

  @Test
  void aTerminationAndALaterRunningEventInOneBatch_theInstanceGoes() {
    InstanceId id = ec2.run(4, Map.of());
    service(false).handle(List.of(new StateChange("m0", "e0", id, "running", null, null)));

    Summary summary =
        service(false)
            .handle(
                List.of(
                    action("m1", id, hook("t1", Transition.TERMINATING, "")),
                    new StateChange("m2", "e2", id, "running", null, null)));

    assertThat(summary.instances().get(0).action()).isEqualTo(Action.DEREGISTER);
    assertThat(dns.recordsIn(dns.zoneNamed("corp.internal")))
        .noneMatch(r -> r.type() == ddns.dns.RecordType.A);
    assertThat(actions.completions()).hasSize(1);
  }

  @Test
  void aCompletionThatFails_failsTheMessage_andTheReplayCompletes() {
    InstanceId id = ec2.run(4, Map.of());
    InboundEvent event = action("m1", id, hook("t1", Transition.LAUNCHING, ""));
    actions.fail(1);

    Summary first = service(false).handle(List.of(event));
    Summary replay = service(false).handle(List.of(event));

    assertThat(first.failedMessageIds()).containsExactly("m1");
    assertThat(replay.failedMessageIds()).isEmpty();
    assertThat(actions.completions()).hasSize(1);
  }

  @Test
  void aLaunchStillPendingAtItsLastCheck_isLetGo_sayingSo() {
    InstanceId id = ec2.run(4, Map.of());
    dns.keepChangesPending(true);
    LifecycleHook hook = hook("t1", Transition.LAUNCHING, "");
    FollowUp last =
        new FollowUp(
            id,
            hook,
            List.of("C1"),
            LifecycleCompletion.LAST_CHECK,
            Optional.of(CLOCK.instant()),
            null,
            null);

    Summary summary = service(true).handle(List.of(new LifecycleFollowUp("m1", "e1", last)));

    assertThat(actions.completions()).hasSize(1);
    assertThat(followUps).isEmpty();
    assertThat(summary.notes()).anyMatch(n -> n.contains("although Route 53 had not applied"));
  }

  @Test
  void aFollowUpWhoseActionNoLongerWaits_stops() {
    InstanceId id = ec2.run(4, Map.of());
    dns.keepChangesPending(true);
    LifecycleHook gone =
        new LifecycleHook("web", "route53-ddns-hook", "t-gone", Transition.LAUNCHING, "", "", "");

    Summary summary =
        service(true)
            .handle(
                List.of(
                    new LifecycleFollowUp(
                        "m1",
                        "e1",
                        new FollowUp(id, gone, List.of("C1"), 2, Optional.empty(), null, null))));

    assertThat(followUps).isEmpty();
    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(summary.notes()).anyMatch(n -> n.contains("no longer waits"));
  }

  @Test
  void theWaitBetweenChecks_doubles_upToTwoMinutes() {
    assertThat(List.of(1, 2, 3, 4, 5, 6, 12).stream().map(LifecycleCompletion::waitBefore).toList())
        .containsExactly(
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(40),
            Duration.ofSeconds(80),
            Duration.ofSeconds(120),
            Duration.ofSeconds(120),
            Duration.ofSeconds(120));
  }
}
