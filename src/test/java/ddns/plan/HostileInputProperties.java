package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import ddns.event.EventDecoder;
import ddns.model.DnsName;
import ddns.model.HostedZone;
import ddns.model.InstanceFacts;
import ddns.model.InstanceState;
import ddns.model.InvalidNameException;
import ddns.model.VpcFacts;
import ddns.model.ZoneCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Tag values and event documents are untrusted: whatever they hold, the tool answers with valid
 * records and clear alerts, never an exception. Fixed seed, so CI runs the same cases every time.
 */
class HostileInputProperties {
  private static final List<HostedZone> ZONES =
      List.of(
          new HostedZone("ZCORP", DnsName.parse("corp.internal"), true),
          new HostedZone("ZPUB", DnsName.parse("corp.internal"), false),
          new HostedZone("ZREV", DnsName.parse("1.0.10.in-addr.arpa"), true));
  private final RecordRules rules = new RecordRules(PlanningRules.defaults());
  private final ChangeBatchValidator validator = new ChangeBatchValidator();
  private final EventDecoder decoder = new EventDecoder(new ObjectMapper());

  @Property(tries = 300, seed = "20261126")
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

  @Property(tries = 300, seed = "20261126")
  void anyTags_giveOnlyRecordsRoute53Accepts(
      @ForAll("tagValues") String zone, @ForAll("tagValues") String cname) {
    InstanceFacts facts =
        new InstanceFacts(
            "i-0123456789abcdef0",
            InstanceState.RUNNING,
            Instant.EPOCH,
            "vpc-1",
            "10.0.1.23",
            "ip-10-0-1-23.ec2.internal",
            "54.1.2.3",
            "ec2-54-1-2-3.compute-1.amazonaws.com",
            List.of(),
            Map.of("ZONE", zone, "CNAME", cname));

    InstancePlan plan =
        rules.plan(
            facts,
            new VpcFacts("vpc-1", true, true, List.of("corp.internal")),
            new ZoneCatalog(ZONES, Set.of("ZCORP", "ZREV")));

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
  }

  @Property(tries = 300, seed = "20261126")
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
