package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ddns.dns.RecordType;
import ddns.faults.ChangeStatusEmulation;
import ddns.faults.FaultProxy;
import ddns.faults.LifecycleActionsEmulation.Completion;
import ddns.run.Summary;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch is let go only once Route 53 serves its records everywhere (docs/behaviour.md,
 * "Lifecycle hooks"). The proxy keeps each change {@code PENDING} for a number of {@code GetChange}
 * calls the test sets, so no test waits out a clock; the follow-up messages the function sends to
 * its queue are taken from what the proxy saw and delivered by the test, as SQS would after their
 * delay.
 */
class InSyncScenarioTest extends FaultTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOOK = "route53-ddns-launch";

  @TempDir Path dir;

  private AwsWorld.Network net;
  private String zone;

  private String instance() {
    net = world.network("10.20.0.0/16", "corp.internal", true);
    zone = world.privateZone("corp.internal", net.vpcId());
    world.privateZone("1.20.10.in-addr.arpa", net.vpcId());
    return world.launch(net, Map.of(), false);
  }

  private String launch(String id, String token) {
    proxy.lifecycleActions().open(token, "web", HOOK, id);
    return Events.lifecycle(
        "lifecycle-launch.json",
        id,
        token,
        Map.of("LifecycleHookName", HOOK, "AutoScalingGroupName", "web"));
  }

  /** The follow-up messages the function sent to its queue, oldest first. */
  private List<JsonNode> followUpsSent() {
    return proxy.calls().stream()
        .filter(c -> c.service().equals("sqs") && c.operation().equals("SendMessage"))
        .map(c -> read(c.body()))
        .toList();
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean hasA(String id) {
    return world.records(zone).stream()
        .anyMatch(r -> r.type() == RecordType.A && r.values().contains(privateIp(id)));
  }

  @Test
  void launch_isCompletedOnlyAfterInSync_throughDelayedFollowUps_withHeartbeatsMeanwhile() {
    env.put("DDNS_QUEUE_URL", world.sqs.createQueue(r -> r.queueName("ddns-events")).queueUrl());
    ChangeStatusEmulation status = proxy.changeStatus(asked -> asked <= 2);
    String id = instance();
    String token = UUID.randomUUID().toString();

    Summary first = handle(launch(id, token));

    assertThat(hasA(id)).isTrue();
    assertThat(first.failedMessageIds()).isEmpty();
    assertThat(proxy.lifecycleActions().completions()).as("not before INSYNC").isEmpty();
    assertThat(followUpsSent()).hasSize(1);
    assertThat(followUpsSent().get(0).path("DelaySeconds").asInt()).isEqualTo(10);
    assertThat(proxy.calls())
        .as("no GetChange before the first delay")
        .noneMatch(c -> c.operation().equals("GetChange"));

    for (int check = 1; check <= 3; check++) {
      String body = followUpsSent().get(check - 1).path("MessageBody").asText();
      Summary followUp = handle(Events.sqsBatch(List.of(body)));
      assertThat(followUp.failedMessageIds()).isEmpty();
      if (check == 3) {
        assertThat(followUp.notes())
            .as("the time from the lifecycle event to INSYNC, as a figure")
            .anyMatch(n -> n.startsWith("time to DNS (lifecycle event to Route 53 INSYNC) of 1"));
        assertThat(logs()).containsPattern("\"TimeToDns\":\\[[0-9]+\\]");
      }
      if (check < 3) {
        assertThat(logs()).doesNotContain("TimeToDns");
        assertThat(proxy.lifecycleActions().completions()).as("check %d: PENDING", check).isEmpty();
        assertThat(followUpsSent()).hasSize(check + 1);
        assertThat(followUpsSent().get(check).path("DelaySeconds").asInt())
            .as("the wait grows")
            .isEqualTo(10 << check);
      }
    }

    List<Completion> done = proxy.lifecycleActions().completions();
    assertThat(done)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.result()).isEqualTo("CONTINUE");
              assertThat(c.action().token()).isEqualTo(token);
            });
    assertThat(status.changes()).as("one request per zone: forward and reverse").hasSize(2);
    for (ChangeStatusEmulation.Change change : status.changes().values()) {
      assertThat(change.asked()).isEqualTo(3);
      assertThat(change.inSyncAt()).isPositive();
      assertThat(done.get(0).order()).as("after INSYNC").isGreaterThan(change.inSyncAt());
    }
    assertThat(proxy.lifecycleActions().heartbeats()).containsEntry(token, 2);
    assertThat(followUpsSent()).as("none after the completion").hasSize(3);
  }

  @Test
  void withoutAQueue_theCommandLineSaysWhatIsPending_andTheSecondHandleOfTheEventFinishes()
      throws IOException {
    proxy.changeStatus(asked -> asked <= 1);
    String id = instance();
    Path event = Files.writeString(dir.resolve("launch.json"), launch(id, "t-1"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int first = cli(out, err, "handle", "--event", event.toString());

    assertThat(first).isZero();
    assertThat(out.toString()).contains("PENDING").contains("handle the event again");
    assertThat(hasA(id)).isTrue();
    assertThat(proxy.lifecycleActions().completions()).isEmpty();
    assertThat(proxy.lifecycleActions().waits("t-1")).isTrue();

    StringWriter again = new StringWriter();
    int second = cli(again, err, "handle", "--event", event.toString());

    assertThat(second).isZero();
    assertThat(proxy.lifecycleActions().completions())
        .singleElement()
        .satisfies(c -> assertThat(c.result()).isEqualTo("CONTINUE"));
    assertThat(again.toString()).contains("completed with CONTINUE");
  }

  @Test
  void aChangeInSyncAtOnce_isCompletedInTheSameInvocation_withoutAQueue() {
    proxy.changeStatus(asked -> false);
    String id = instance();

    handle(launch(id, "t-2"));

    assertThat(proxy.lifecycleActions().completions()).hasSize(1);
    FaultProxy.Call getChange =
        proxy.calls().stream()
            .filter(c -> c.operation().equals("GetChange"))
            .findFirst()
            .orElseThrow();
    assertThat(proxy.calls().indexOf(getChange))
        .isLessThan(proxy.lifecycleActions().completions().get(0).order());
  }
}
