package ddns.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import ddns.event.InboundEvent.AddressChange;
import ddns.event.InboundEvent.Rejected;
import ddns.event.InboundEvent.Scheduled;
import ddns.event.InboundEvent.StateChange;
import ddns.facts.InstanceId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventDecoderTest {
  private final EventDecoder decoder = new EventDecoder(new ObjectMapper());

  @Test
  void decodesTheEventBridgeFixture() {
    Invocation invocation = decoder.decode(fixture("running.json"));

    assertThat(invocation.sqsBatch()).isFalse();
    assertThat(invocation.events())
        .singleElement()
        .isInstanceOfSatisfying(
            StateChange.class,
            e -> {
              assertThat(e.instanceId()).isEqualTo(InstanceId.of("i-0123456789abcdef0"));
              assertThat(e.state()).isEqualTo("running");
              assertThat(e.account()).isEqualTo("123456789012");
              assertThat(e.region()).isEqualTo("us-east-1");
              assertThat(e.messageId()).isEqualTo("7bf73129-1428-4cd3-a780-95db273d1602");
            });
  }

  @Test
  void decodesTheSqsFixture_withTheMessageIdForBatchItemFailures() {
    Invocation invocation = decoder.decode(fixture("sqs-batch.json"));

    assertThat(invocation.sqsBatch()).isTrue();
    assertThat(invocation.events())
        .singleElement()
        .isInstanceOfSatisfying(
            StateChange.class,
            e -> assertThat(e.messageId()).isEqualTo("059f36b4-87a3-44ab-83d2-661975830a7d"));
  }

  /**
   * An event names an instance as EC2 does; the account and region it runs in come from the event's
   * own fields (docs/behaviour.md, "Many accounts and regions"), never from the id.
   */
  @Test
  void anInstanceIdNamingAnAccountAndRegion_isRejected() {
    String qualified = "333333333333/us-east-1/i-0123456789abcdef0";

    assertThat(
            decoder
                .decode(fixture("running.json").replace("i-0123456789abcdef0", qualified))
                .events())
        .singleElement()
        .isInstanceOfSatisfying(
            Rejected.class, r -> assertThat(r.reason()).contains("is not an instance id"));
    assertThat(
            decoder
                .decode(
                    fixture("create-tags.json")
                        .replaceAll("\"(i-[0-9a-f]+)\"", "\"333333333333/us-east-1/$1\""))
                .events())
        .singleElement()
        .isInstanceOfSatisfying(
            InboundEvent.TagChange.class, t -> assertThat(t.instanceIds()).isEmpty());
  }

  /** EventBridge's own tag events (source aws.tag) reach it without a CloudTrail trail. */
  @Test
  void aTagServiceEvent_namesItsInstanceAndTheChangedKeys() {
    assertThat(decoder.decode(fixture("tag-change-on-resource.json")).events())
        .singleElement()
        .isInstanceOfSatisfying(
            InboundEvent.TagChange.class,
            t -> {
              assertThat(t.instanceIds()).containsExactly(InstanceId.of("i-0123456789abcdef0"));
              assertThat(t.tagKeys()).containsExactly("CNAME");
              assertThat(t.account()).isEqualTo("123456789012");
              assertThat(t.region()).isEqualTo("us-east-1");
              assertThat(t.eventId()).isEqualTo("9c1f7e2a-5b3d-4e8f-a0c1-2d3e4f5a6b7c");
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"resource-type\": \"instance\"|\"resource-type\": \"volume\"|detail.resource-type",
        "\"service\": \"ec2\"|\"service\": \"rds\"|detail.service",
        "\"source\": \"aws.tag\"|\"source\": \"aws.ec2\"|source",
        "instance/i-0123456789abcdef0|volume/vol-0123456789abcdef0|resources",
      })
  void aTagServiceEvent_forSomethingElse_isRejected_namingTheField(
      String field, String replacement, String named) {
    String event = fixture("tag-change-on-resource.json").replace(field, replacement);

    assertThat(decoder.decode(event).events())
        .singleElement()
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains(named));
  }

  @Test
  void decodesTheScheduledFixture() {
    assertThat(decoder.decode(fixture("scheduled.json")).events())
        .singleElement()
        .isInstanceOf(Scheduled.class);
  }

  @Test
  void anAddressAssociation_namesItsInstance() {
    assertThat(decoder.decode(fixture("associate-address.json")).events())
        .singleElement()
        .isInstanceOfSatisfying(
            AddressChange.class,
            e -> {
              assertThat(e.instanceIds()).containsExactly(InstanceId.of("i-0123456789abcdef0"));
              assertThat(e.call()).isEqualTo("AssociateAddress");
              assertThat(e.needsReconcile()).isFalse();
            });
  }

  @Test
  void aDisassociation_namesNoInstance_soItAsksForAReconcile() {
    assertThat(decoder.decode(fixture("disassociate-address.json")).events())
        .singleElement()
        .isInstanceOfSatisfying(
            AddressChange.class,
            e -> {
              assertThat(e.instanceIds()).isEmpty();
              assertThat(e.needsReconcile()).isTrue();
            });
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                                                                     | input is empty",
        "not json                                                                               | not JSON",
        "[]                                                                                     | not a JSON object",
        "{}                                                                                     | detail-type is missing",
        "{\"detail-type\":\"Something Else\"}                                                   | detail-type 'Something Else'",
        "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"evil\"}         | source must be 'aws.ec2'",
        "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\"}      | detail is missing",
        "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\",\"detail\":{}}  | detail.instance-id is missing",
        "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\",\"detail\":{\"instance-id\":7}}  | detail.instance-id is missing or not a string",
        "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\",\"detail\":{\"instance-id\":\"web-1\"}}  | is not an instance id",
        "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\",\"detail\":{\"instance-id\":\"i-0123456789abcdef0\"}}  | detail.state is missing",
        "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\",\"detail\":{\"instance-id\":\"i-0123456789abcdef0\",\"state\":\"melting\"}}  | detail.state 'melting'",
        "{\"Records\":{}}                                                                       | Records is not an array",
        "{\"Records\":[{\"body\":\"{}\"}]}                                                      | Records[0].messageId is missing",
        "{\"Records\":[{\"messageId\":\"m1\"}]}                                                 | Records[0].body is missing",
        "{\"Records\":[{\"messageId\":\"m1\",\"body\":\"nope\"}]}                               | message body is not JSON",
      })
  void rejects_withAMessageNamingTheField(String payload, String message) {
    assertThat(decoder.decode(payload).events())
        .singleElement()
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains(message));
  }

  @Test
  void rejectsHugeEvents() {
    String huge =
        fixture("running.json")
            .replace("\"version\": \"0\"", "\"version\": \"" + "x".repeat(300_000) + "\"");
    assertThat(decoder.decode(huge).events())
        .singleElement()
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains("bytes"));
  }

  @Test
  void countsTheSizeLimitInBytes_notCharacters() {
    String accents = "é".repeat(140_000); // 140,000 characters, 280,000 bytes in UTF-8
    String event =
        fixture("running.json").replace("\"version\": \"0\"", "\"version\": \"" + accents + "\"");
    assertThat(event.length()).isLessThan(EventDecoder.MAX_EVENT_BYTES);

    assertThat(decoder.decode(event).events())
        .singleElement()
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains("bytes"));
  }

  @Test
  void anEmptySqsBatch_isNothingToDo_notAnError() {
    assertThat(decoder.decode("{\"Records\": []}").events()).isEmpty();
  }

  private static String fixture(String name) {
    try (InputStream in = EventDecoderTest.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
