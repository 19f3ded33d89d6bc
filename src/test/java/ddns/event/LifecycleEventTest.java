package ddns.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ddns.event.InboundEvent.LifecycleAction;
import ddns.event.InboundEvent.Rejected;
import ddns.event.LifecycleHook.OnFailure;
import ddns.event.LifecycleHook.Transition;
import ddns.facts.InstanceId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lifecycle actions as EventBridge delivers them, the hooks that are the tool's, their choices. */
class LifecycleEventTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EventDecoder decoder = new EventDecoder(JSON);

  @Test
  void decodesTheLaunchFixture_everyFieldTheCompletionNeeds() {
    assertThat(decoder.decode(fixture("lifecycle-launch.json")).events())
        .singleElement()
        .isInstanceOfSatisfying(
            LifecycleAction.class,
            e -> {
              assertThat(e.instanceId()).isEqualTo(InstanceId.of("i-0123456789abcdef0"));
              assertThat(e.hook().transition()).isEqualTo(Transition.LAUNCHING);
              assertThat(e.hook().token()).isEqualTo("87654321-4321-4321-4321-210987654321");
              assertThat(e.hook().group()).isEqualTo("web");
              assertThat(e.hook().hook()).isEqualTo("route53-ddns-launch");
              assertThat(e.hook().intoWarmPool()).isFalse();
              assertThat(e.account()).isEqualTo("123456789012");
              assertThat(e.time()).isPresent();
            });
  }

  @Test
  void decodesTheTerminateFixture() {
    assertThat(decoder.decode(fixture("lifecycle-terminate.json")).events())
        .singleElement()
        .isInstanceOfSatisfying(
            LifecycleAction.class,
            e -> assertThat(e.hook().transition()).isEqualTo(Transition.TERMINATING));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "source                | evil                               | source must be 'aws.autoscaling'",
        "LifecycleActionToken  |                                    | detail.LifecycleActionToken is missing",
        "AutoScalingGroupName  |                                    | detail.AutoScalingGroupName is missing",
        "LifecycleHookName     |                                    | detail.LifecycleHookName is missing",
        "EC2InstanceId         | web-1                              | detail.EC2InstanceId 'web-1' is not an instance id",
        "LifecycleTransition   | autoscaling:EC2_INSTANCE_TERMINATING | does not match detail-type",
      })
  void rejects_withAMessageNamingTheField(String field, String value, String message)
      throws IOException {
    ObjectNode event = (ObjectNode) JSON.readTree(fixture("lifecycle-launch.json"));
    ObjectNode target = field.equals("source") ? event : (ObjectNode) event.path("detail");
    if (value == null) {
      target.remove(field);
    } else {
      target.put(field, value);
    }

    assertThat(decoder.decode(JSON.writeValueAsString(event)).events())
        .singleElement()
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains(message));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "route53-ddns-launch | ''                        | true",
        "route53-ddns        | ''                        | true",
        "drain               | ''                        | false",
        "drain               | team=web                  | false",
        "drain               | ddns:on-failure=abandon   | true",
        "drain               | team=web,ddns:enabled     | true",
        "my-route53-ddns     | ''                        | false",
      })
  void theDefaultSelector_takesHooksByNameOrByTheirMetadata(
      String name, String metadata, boolean selected) {
    assertThat(HookSelector.DEFAULT.selects(hook(name, metadata))).isEqualTo(selected);
  }

  @Test
  void aPattern_matchesWithItsWildcardsAnywhere() {
    HookSelector selector = new HookSelector("*dns*");

    assertThat(selector.selects(hook("web-dns-launch", ""))).isTrue();
    assertThat(selector.selects(hook("web-launch", ""))).isFalse();
  }

  @Test
  void aPatternAutoScalingWouldNeverMatch_isRefused() {
    assertThatThrownBy(() -> new HookSelector("hooks with spaces"))
        .hasMessageContaining("lifecycle hook name pattern");
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                   | CONTINUE",
        "team=web                             | CONTINUE",
        "ddns:on-failure=abandon              | ABANDON",
        "team=web; ddns:on-failure=ABANDON    | ABANDON",
        "ddns:on-failure=continue             | CONTINUE",
        "ddns:on-failure=explode              | ",
      })
  void onFailure_isTheMetadatasChoice_continueByDefault(String metadata, OnFailure expected) {
    assertThat(hook("route53-ddns", metadata).onFailure()).isEqualTo(Optional.ofNullable(expected));
  }

  private static LifecycleHook hook(String name, String metadata) {
    return new LifecycleHook(
        "web", name, "token", Transition.LAUNCHING, "EC2", "AutoScalingGroup", metadata);
  }

  private static String fixture(String name) {
    try (InputStream in = LifecycleEventTest.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
