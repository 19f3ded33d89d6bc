package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import ddns.alert.AlertKind;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.InvalidNameException;
import ddns.dns.ZoneCatalog;
import ddns.dns.ZoneId;
import ddns.event.EventDecoder;
import ddns.event.InboundEvent;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceState;
import ddns.facts.VpcFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Tag values and event documents are untrusted: whatever they hold, the tool answers with valid
 * records and clear alerts, never an exception. Fixed seed, so CI runs the same cases every time;
 * the number of tries is {@code jqwik.tries.default} (200 from the build; {@code bin/test
 * -Djqwik.tries=5000} for more).
 */
class HostileInputProperties {
  private static final List<HostedZone> ZONES =
      List.of(
          new HostedZone(ZoneId.of("ZCORP"), DnsName.parse("corp.internal"), true),
          new HostedZone(ZoneId.of("ZPUB"), DnsName.parse("corp.internal"), false),
          new HostedZone(ZoneId.of("ZREV"), DnsName.parse("1.0.10.in-addr.arpa"), true));
  private final RecordRules rules = new RecordRules(PlanningRules.defaults());
  private final ChangeBatchValidator validator = new ChangeBatchValidator();
  private final EventDecoder decoder = new EventDecoder(new ObjectMapper());

  /** An alert's text with a tag value in it, at most: the rule's words and a shortened quote. */
  private static final int MAX_ALERT_LENGTH = 200;

  @Property(seed = "20261126")
  void parse_eitherNormalisesOrExplains(@ForAll("tagValues") String raw) {
    try {
      DnsName name = DnsName.parse(raw);
      assertThat(name.value()).endsWith(".").isLowerCase().hasSizeLessThanOrEqualTo(254);
      assertThat(name.labels())
          .allSatisfy(l -> assertThat(l).matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"));
    } catch (InvalidNameException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(seed = "20261126")
  void anyTags_giveOnlyRecordsRoute53Accepts(
      @ForAll("tagValues") String zone, @ForAll("tagValues") String cname) {
    InstanceFacts facts =
        InstanceFacts.builder(
                InstanceId.of("i-0123456789abcdef0"), InstanceState.RUNNING, Instant.EPOCH)
            .vpcId("vpc-1")
            .privateIp("10.0.1.23")
            .privateDnsName("ip-10-0-1-23.ec2.internal")
            .publicIp("54.1.2.3")
            .publicDnsName("ec2-54-1-2-3.compute-1.amazonaws.com")
            .ipv6Addresses(List.of())
            .tags(Map.of("ZONE", zone, "CNAME", cname))
            .build();

    InstancePlan plan =
        rules.plan(
            facts,
            new VpcFacts("vpc-1", true, List.of("corp.internal")),
            new ZoneCatalog(ZONES, Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZREV"))));

    plan.records().stream()
        .collect(java.util.stream.Collectors.groupingBy(r -> r.key().zoneId()))
        .forEach(
            (zoneId, records) -> {
              List<PlannedChange> changes =
                  records.stream()
                      .map(
                          r ->
                              new PlannedChange(
                                  ChangeAction.UPSERT,
                                  zoneId,
                                  r.zoneName(),
                                  r.content(),
                                  facts.instanceId()))
                      .toList();
              assertThat(validator.violations(records.get(0).zoneName(), changes)).isEmpty();
            });
    assertThat(plan.records())
        .anySatisfy(
            r -> assertThat(r.key().name().value()).isEqualTo("ip-10-0-1-23.corp.internal."));
    assertThat(plan.alerts())
        .as("tag text reaches an operator's e-mail quoted, on one line, and short")
        .allSatisfy(
            a -> {
              assertThat(a.message()).doesNotContainPattern("[\\p{Cntrl}]");
              assertThat(a.message().length()).isLessThanOrEqualTo(MAX_ALERT_LENGTH);
            });
    if (!parses(cname)) {
      assertThat(plan.alerts())
          .filteredOn(a -> a.message().startsWith("CNAME tag"))
          .singleElement()
          .satisfies(a -> assertThat(a.kind()).isEqualTo(AlertKind.INVALID_TAG));
    }
    if (!parses(zone)) {
      assertThat(plan.alerts())
          .filteredOn(a -> a.message().startsWith("ZONE tag"))
          .singleElement()
          .satisfies(a -> assertThat(a.kind()).isEqualTo(AlertKind.INVALID_TAG));
    }
  }

  @Property(seed = "20261126")
  void sqsBatch_mixingGoodAndBadMessages_rejectsExactlyTheBadOnes(
      @ForAll("batches") List<Tuple2<Boolean, String>> messages) {
    StringBuilder batch = new StringBuilder("{\"Records\":[");
    for (int i = 0; i < messages.size(); i++) {
      String body = messages.get(i).get2();
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"messageId\":\"m")
          .append(i)
          .append("\",\"body\":")
          .append(quote(body))
          .append('}');
    }
    List<InboundEvent> events = decoder.decode(batch.append("]}").toString()).events();

    assertThat(events).hasSize(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      boolean good = messages.get(i).get1();
      assertThat(events.get(i).messageId()).isEqualTo("m" + i);
      if (good) {
        assertThat(events.get(i)).isInstanceOf(InboundEvent.StateChange.class);
      } else {
        assertThat(events.get(i))
            .isInstanceOfSatisfying(
                InboundEvent.Rejected.class, r -> assertThat(r.reason()).isNotBlank());
      }
    }
  }

  @Provide
  Arbitrary<List<Tuple2<Boolean, String>>> batches() {
    Arbitrary<Tuple2<Boolean, String>> good =
        Arbitraries.of("running", "stopped", "terminated", "pending")
            .map(
                state ->
                    Tuple.of(
                        true,
                        "{\"detail-type\":\"EC2 Instance State-change Notification\","
                            + "\"source\":\"aws.ec2\",\"detail\":{\"instance-id\":\"i-0123456789abcdef0\",\"state\":\""
                            + state
                            + "\"}}"));
    Arbitrary<Tuple2<Boolean, String>> bad =
        Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(50),
                Arbitraries.of(
                    "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\",\"detail\":{\"instance-id\":42,\"state\":\"running\"}}",
                    "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.s3\",\"detail\":{}}",
                    "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\",\"detail\":{\"instance-id\":\"i-0123456789abcdef0\",\"state\":\"exploded\"}}",
                    "{\"detail-type\":[\"x\"]}",
                    "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\",\"detail\":\"running\"}",
                    "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\",\"detail\":{\"instance-id\":\"i-0123456789abcdef0\",\"state\":\"running\"},\"pad\":\""
                        + "x".repeat(300_000)
                        + "\"}"))
            .map(text -> Tuple.of(false, text));
    return Arbitraries.oneOf(good, bad).list().ofMinSize(1).ofMaxSize(10);
  }

  private static boolean parses(String raw) {
    try {
      DnsName.parse(raw);
      return true;
    } catch (InvalidNameException e) {
      return false;
    }
  }

  private static String quote(String text) {
    try {
      return new ObjectMapper().writeValueAsString(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Property(seed = "20261126")
  void anyPayload_isDecodedOrRejected_neverThrown(@ForAll("payloads") String payload) {
    assertThat(decoder.decode(payload).events()).isNotEmpty();
  }

  @Provide
  Arbitrary<String> tagValues() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "",
            " ",
            "corp.internal",
            "CORP.INTERNAL.",
            " web.corp.internal ",
            "*.corp.internal",
            "web..corp.internal",
            "corp.internal",
            "1.0.10.in-addr.arpa",
            "ip-10-0-1-23.corp.internal",
            "xn--caf-dma.corp.internal",
            "café.corp.internal",
            "web.corp.internal\n",
            "web.corp.internal.;rm -rf",
            "a".repeat(64) + ".corp.internal",
            "Click https://login.evil.example/?next=\nReset your password now",
            "web\r\nSubject: urgent.corp.internal",
            "x".repeat(500),
            "nowhere.test"),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80),
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings()
            .withChars("abc-.*_")
            .ofMinLength(1)
            .ofMaxLength(300)
            .map(s -> s + ".corp.internal"));
  }

  @Provide
  Arbitrary<String> payloads() {
    String event =
        "{\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\","
            + "\"detail\":{\"instance-id\":\"%s\",\"state\":\"%s\"}}";
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .ofMaxLength(200)
            .map(s -> "{\"Records\":[{\"messageId\":\"m\",\"body\":\"" + s + "\"}]}"),
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .ofMaxLength(30)
            .tuple2()
            .map(t -> String.format(event, t.get1(), t.get2())),
        Arbitraries.of(
            "null",
            "1",
            "\"text\"",
            "[]",
            "{\"Records\":null}",
            "{\"Records\":[null]}",
            "{\"detail-type\":null}"));
  }
}
