package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.alert.AlertKind;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordType;
import ddns.dns.ZoneCatalog;
import ddns.dns.ZoneId;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceState;
import ddns.facts.VpcFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

/**
 * docs/behaviour.md, "Records", as a table: tags, DHCP domain and zones in; records and alerts out.
 */
class RecordRulesTest {
  private static final String VPC = "vpc-1";
  private static final HostedZone CORP =
      new HostedZone(ZoneId.of("ZCORP"), DnsName.parse("corp.internal"), true);
  private static final HostedZone DEV =
      new HostedZone(ZoneId.of("ZDEV"), DnsName.parse("dev.internal"), true);
  private static final HostedZone EXAMPLE_PRIVATE =
      new HostedZone(ZoneId.of("ZEXPRIV"), DnsName.parse("example.com"), true);
  private static final HostedZone EXAMPLE_PUBLIC =
      new HostedZone(ZoneId.of("ZEXPUB"), DnsName.parse("example.com"), false);
  private static final HostedZone REVERSE =
      new HostedZone(ZoneId.of("ZREV"), DnsName.parse("1.0.10.in-addr.arpa"), true);
  private static final HostedZone IP6 =
      new HostedZone(ZoneId.of("ZIP6"), DnsName.parse("8.b.d.0.1.0.0.2.ip6.arpa"), true);
  private static final List<HostedZone> ALL =
      List.of(CORP, DEV, EXAMPLE_PRIVATE, EXAMPLE_PUBLIC, REVERSE);

  private final RecordRules rules = new RecordRules(PlanningRules.defaults());

  static Stream<Arguments> table() {
    return Stream.of(
        row(
            "HOSTNAME full name in a private zone: A there, PTR to it",
            Map.of("HOSTNAME", "web.dev.internal"),
            List.of("corp.internal"),
            true,
            false,
            List.of(
                "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
                "ZDEV A web.dev.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. web.dev.internal."),
            List.of()),
        row(
            "HOSTNAME single label: in the DHCP-domain zone",
            Map.of("HOSTNAME", "Web01"),
            List.of("corp.internal"),
            true,
            false,
            List.of(
                "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
                "ZCORP A web01.corp.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. web01.corp.internal."),
            List.of()),
        row(
            "HOSTNAME single label: in the ZONE tag's zone too",
            Map.of("HOSTNAME", "web01", "ZONE", "dev.internal"),
            List.of(),
            true,
            false,
            List.of(
                "ZDEV A ip-10-0-1-23.dev.internal. 10.0.1.23",
                "ZDEV A web01.dev.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. web01.dev.internal."),
            List.of()),
        row(
            "HOSTNAME split horizon: private address inside, public outside",
            Map.of("HOSTNAME", "www.example.com"),
            List.of(),
            true,
            true,
            List.of(
                "ZEXPRIV A www.example.com. 10.0.1.23",
                "ZEXPUB A www.example.com. 54.1.2.3",
                "ZREV PTR 23.1.0.10.in-addr.arpa. www.example.com."),
            List.of()),
        row(
            "HOSTNAME before CNAME for the PTR",
            Map.of("HOSTNAME", "web.dev.internal", "CNAME", "app.corp.internal"),
            List.of("corp.internal"),
            true,
            false,
            List.of(
                "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
                "ZDEV A web.dev.internal. 10.0.1.23",
                "ZCORP CNAME app.corp.internal. ip-10-0-1-23.corp.internal.",
                "ZREV PTR 23.1.0.10.in-addr.arpa. web.dev.internal."),
            List.of()),
        row(
            "HOSTNAME without a default-domain zone: its A and PTR only",
            Map.of("HOSTNAME", "web.corp.internal"),
            List.of(),
            true,
            false,
            List.of(
                "ZCORP A web.corp.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. web.corp.internal."),
            List.of()),
        row(
            "HOSTNAME single label without any zone: alerted",
            Map.of("HOSTNAME", "web"),
            List.of(),
            true,
            false,
            List.of(),
            List.of(AlertKind.NO_SUCH_ZONE)),
        row(
            "HOSTNAME in the ip- name space: refused",
            Map.of("HOSTNAME", "ip-10-0-9-9.corp.internal"),
            List.of("corp.internal"),
            true,
            false,
            List.of(
                "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal."),
            List.of(AlertKind.INVALID_TAG)),
        row(
            "HOSTNAME and CNAME the same name: the alias is refused",
            Map.of("HOSTNAME", "web.corp.internal", "CNAME", "web.corp.internal"),
            List.of(),
            true,
            false,
            List.of(
                "ZCORP A web.corp.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. web.corp.internal."),
            List.of(AlertKind.NAME_CONFLICT)),
        row(
            "POOL full name: the instance's address joins it, no PTR to it",
            Map.of("POOL", "web.corp.internal"),
            List.of(),
            true,
            false,
            List.of("ZCORP A web.corp.internal. 10.0.1.23"),
            List.of()),
        row(
            "POOL and HOSTNAME the same name: the pool is refused",
            Map.of("POOL", "web.corp.internal", "HOSTNAME", "web.corp.internal"),
            List.of(),
            true,
            false,
            List.of(
                "ZCORP A web.corp.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. web.corp.internal."),
            List.of(AlertKind.NAME_CONFLICT)),
        row(
            "no tags, default DHCP domain: nothing",
            Map.of(),
            List.of(),
            true,
            false,
            List.of(),
            List.of()),
        row(
            "DHCP domain with a zone: A and PTR",
            Map.of(),
            List.of("corp.internal"),
            true,
            false,
            List.of(
                "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal."),
            List.of()),
        row(
            "DHCP with several domains, one zone",
            Map.of(),
            List.of("ec2.internal", "corp.internal"),
            true,
            false,
            List.of(
                "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal."),
            List.of()),
        row(
            "ZONE private: A and PTR once",
            Map.of("ZONE", "dev.internal."),
            List.of(),
            true,
            false,
            List.of(
                "ZDEV A ip-10-0-1-23.dev.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.dev.internal."),
            List.of()),
        row(
            "ZONE same as DHCP: no duplicate",
            Map.of("ZONE", "corp.internal"),
            List.of("corp.internal"),
            true,
            false,
            List.of(
                "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal."),
            List.of()),
        row(
            "DHCP and ZONE: PTR to the DHCP name",
            Map.of("ZONE", "dev.internal"),
            List.of("corp.internal"),
            true,
            false,
            List.of(
                "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
                "ZDEV A ip-10-0-1-23.dev.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal."),
            List.of()),
        row(
            "ZONE split horizon, public instance",
            Map.of("zone", "example.com"),
            List.of(),
            true,
            true,
            List.of(
                "ZEXPRIV A ip-10-0-1-23.example.com. 10.0.1.23",
                "ZEXPUB A ip-10-0-1-23.example.com. 54.1.2.3",
                "ZREV PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.example.com."),
            List.of()),
        row(
            "CNAME with DHCP zone: alias to the A record, PTR to alias",
            Map.of("CNAME", "web.corp.internal"),
            List.of("corp.internal"),
            true,
            false,
            List.of(
                "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
                "ZCORP CNAME web.corp.internal. ip-10-0-1-23.corp.internal.",
                "ZREV PTR 23.1.0.10.in-addr.arpa. web.corp.internal."),
            List.of()),
        row(
            "CNAME without DHCP zone: alias to private DNS name",
            Map.of("CNAME", "web.corp.internal"),
            List.of(),
            true,
            false,
            List.of(
                "ZCORP CNAME web.corp.internal. ip-10-0-1-23.ec2.internal.",
                "ZREV PTR 23.1.0.10.in-addr.arpa. web.corp.internal."),
            List.of()),
        row(
            "CNAME in split horizon, public instance",
            Map.of("CNAME", "www.example.com"),
            List.of(),
            true,
            true,
            List.of(
                "ZEXPRIV CNAME www.example.com. ip-10-0-1-23.ec2.internal.",
                "ZEXPUB CNAME www.example.com. ec2-54-1-2-3.compute-1.amazonaws.com.",
                "ZREV PTR 23.1.0.10.in-addr.arpa. www.example.com."),
            List.of()),
        row(
            "CNAME in a deeper name: longest suffix zone",
            Map.of("CNAME", "a.b.corp.internal"),
            List.of(),
            true,
            false,
            List.of(
                "ZCORP CNAME a.b.corp.internal. ip-10-0-1-23.ec2.internal.",
                "ZREV PTR 23.1.0.10.in-addr.arpa. a.b.corp.internal."),
            List.of()),
        row(
            "ZONE and CNAME compose",
            Map.of("ZONE", "dev.internal", "CNAME", "api.dev.internal"),
            List.of(),
            true,
            false,
            List.of(
                "ZDEV A ip-10-0-1-23.dev.internal. 10.0.1.23",
                "ZDEV CNAME api.dev.internal. ip-10-0-1-23.dev.internal.",
                "ZREV PTR 23.1.0.10.in-addr.arpa. api.dev.internal."),
            List.of()),
        row(
            "CNAME at a zone apex",
            Map.of("CNAME", "corp.internal"),
            List.of("corp.internal"),
            true,
            false,
            List.of(
                "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal."),
            List.of(AlertKind.CNAME_AT_APEX)),
        row(
            "CNAME equal to the host name: in the tool's own name space",
            Map.of("CNAME", "ip-10-0-1-23.corp.internal"),
            List.of("corp.internal"),
            true,
            false,
            List.of(
                "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
                "ZREV PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal."),
            List.of(AlertKind.INVALID_TAG)),
        row(
            "CNAME in no zone",
            Map.of("CNAME", "web.nowhere.test"),
            List.of(),
            true,
            false,
            List.of(),
            List.of(AlertKind.NO_SUCH_ZONE)),
        row(
            "ZONE naming no zone",
            Map.of("ZONE", "nowhere.test"),
            List.of(),
            true,
            false,
            List.of(),
            List.of(AlertKind.NO_SUCH_ZONE)),
        row(
            "wildcard CNAME tag",
            Map.of("CNAME", "*.corp.internal"),
            List.of(),
            true,
            false,
            List.of(),
            List.of(AlertKind.INVALID_TAG)),
        row(
            "empty ZONE tag",
            Map.of("ZONE", "  "),
            List.of(),
            true,
            false,
            List.of(),
            List.of(AlertKind.INVALID_TAG)),
        row(
            "DNS support disabled",
            Map.of("CNAME", "web.corp.internal"),
            List.of("corp.internal"),
            false,
            false,
            List.of(),
            List.of(AlertKind.DNS_SUPPORT_DISABLED)),
        row(
            "DNS support disabled keeps public records",
            Map.of("ZONE", "example.com"),
            List.of(),
            false,
            true,
            List.of("ZEXPUB A ip-10-0-1-23.example.com. 54.1.2.3"),
            List.of(AlertKind.DNS_SUPPORT_DISABLED)),
        row(
            "public zone, private instance: nothing public",
            Map.of("CNAME", "www.example.com"),
            List.of(),
            true,
            false,
            List.of(
                "ZEXPRIV CNAME www.example.com. ip-10-0-1-23.ec2.internal.",
                "ZREV PTR 23.1.0.10.in-addr.arpa. www.example.com."),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void plansTheRecordsOfTheTable(
      String why,
      Map<String, String> tags,
      List<String> dhcp,
      boolean dnsSupport,
      boolean publicIp,
      List<String> records,
      List<AlertKind> alerts) {
    InstancePlan plan =
        rules.plan(
            instance(tags, publicIp, List.of()),
            new VpcFacts(VPC, dnsSupport, dhcp),
            new ZoneCatalog(
                ALL,
                Set.of(
                    ZoneId.of("ZCORP"),
                    ZoneId.of("ZDEV"),
                    ZoneId.of("ZEXPRIV"),
                    ZoneId.of("ZREV"))));

    assertThat(lines(plan)).containsExactlyInAnyOrderElementsOf(records);
    assertThat(plan.alerts()).extracting(a -> a.kind()).containsExactlyElementsOf(alerts);
  }

  @Test
  void hostnameTag_namingAnotherInstancesId_isRefused_likeAForeignIpName() {
    InstancePlan plan =
        rules.plan(
            instance(Map.of("HOSTNAME", "i-0aaaaaaaaaaaaaaaa"), false, List.of()),
            new VpcFacts(VPC, true, List.of("corp.internal")),
            new ZoneCatalog(List.of(CORP, REVERSE), Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZREV"))));

    assertThat(lines(plan))
        .noneMatch(l -> l.contains("i-0aaaaaaaaaaaaaaaa"))
        .contains("ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23");
    assertThat(plan.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.INVALID_TAG);
              assertThat(a.message()).contains("i-0aaaaaaaaaaaaaaaa", "another instance");
            });
  }

  @Test
  void cnameAndPoolTags_namingAnotherInstancesId_areRefused_butTheInstancesOwnIdIsItsOwn() {
    InstancePlan plan =
        rules.plan(
            instance(
                Map.of(
                    "CNAME", "i-0bbbbbbbbbbbbbbbb.corp.internal",
                    "POOL", "i-0123456789abcdef0"),
                false,
                List.of()),
            new VpcFacts(VPC, true, List.of("corp.internal")),
            new ZoneCatalog(List.of(CORP, REVERSE), Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZREV"))));

    assertThat(lines(plan))
        .contains("ZCORP A i-0123456789abcdef0.corp.internal. 10.0.1.23")
        .noneMatch(l -> l.contains("i-0bbbbbbbbbbbbbbbb"));
    assertThat(plan.alerts()).extracting(a -> a.kind()).containsExactly(AlertKind.INVALID_TAG);
  }

  @Test
  void aNameTooLongForItsZone_isAnInvalidTagAlert_notAnException() {
    String label = "l".repeat(60);
    HostedZone deep =
        new HostedZone(
            ZoneId.of("ZDEEP"),
            DnsName.parse(String.join(".", label, label, label) + ".internal"),
            true);
    InstancePlan plan =
        rules.plan(
            instance(Map.of("HOSTNAME", "web-" + "x".repeat(59)), false, List.of()),
            new VpcFacts(VPC, true, List.of(deep.name().value())),
            new ZoneCatalog(List.of(deep, REVERSE), Set.of(ZoneId.of("ZDEEP"), ZoneId.of("ZREV"))));

    assertThat(lines(plan))
        .contains("ZDEEP A ip-10-0-1-23." + deep.name().value() + " 10.0.1.23")
        .noneMatch(l -> l.contains("web-"));
    assertThat(plan.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.INVALID_TAG);
              assertThat(a.message()).contains("HOSTNAME", "253");
            });
  }

  @Test
  void missingReverseZone_isCreated_andThePointerWaitsForIt() {
    List<HostedZone> zones = List.of(CORP);
    InstancePlan plan =
        rules.plan(
            instance(Map.of(), false, List.of()),
            new VpcFacts(VPC, true, List.of("corp.internal")),
            new ZoneCatalog(zones, Set.of(ZoneId.of("ZCORP"))));

    assertThat(lines(plan)).containsExactly("ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23");
    assertThat(plan.zoneActions())
        .containsExactly(new ZoneAction.CreateReverseZone(REVERSE.name(), VPC));
  }

  @Test
  void missingReverseZone_withCreationOff_isOnlyNoted() {
    RecordRules noCreate =
        new RecordRules(PlanningRules.builder().createReverseZones(false).build());
    InstancePlan plan =
        noCreate.plan(
            instance(Map.of(), false, List.of()),
            new VpcFacts(VPC, true, List.of("corp.internal")),
            new ZoneCatalog(List.of(CORP), Set.of(ZoneId.of("ZCORP"))));

    assertThat(plan.zoneActions()).isEmpty();
    assertThat(plan.notes()).anyMatch(n -> n.contains("reverse-zone creation is off"));
  }

  @Test
  void zoneTypes_leaveOutTheOtherKind_withANote() {
    InstanceFacts facts = instance(Map.of("ZONE", "example.com"), true, List.of());
    VpcFacts vpc = new VpcFacts(VPC, true, List.of("corp.internal"));
    ZoneCatalog zones =
        new ZoneCatalog(ALL, Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZEXPRIV"), ZoneId.of("ZREV")));

    InstancePlan privateOnly =
        new RecordRules(PlanningRules.builder().zoneTypes(ZoneTypes.PRIVATE).build())
            .plan(facts, vpc, zones);
    InstancePlan publicOnly =
        new RecordRules(PlanningRules.builder().zoneTypes(ZoneTypes.PUBLIC).build())
            .plan(
                facts,
                vpc,
                new ZoneCatalog(List.of(CORP, EXAMPLE_PUBLIC), Set.of(ZoneId.of("ZCORP"))));

    assertThat(lines(privateOnly))
        .containsExactlyInAnyOrder(
            "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
            "ZEXPRIV A ip-10-0-1-23.example.com. 10.0.1.23",
            "ZREV PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal.");
    assertThat(privateOnly.notes())
        .contains("public zone example.com. (ZEXPUB) is left out: DDNS_ZONE_TYPES is private");
    assertThat(lines(publicOnly)).containsExactly("ZEXPUB A ip-10-0-1-23.example.com. 54.1.2.3");
    assertThat(publicOnly.zoneActions()).as("no reverse zone for a public-only tool").isEmpty();
    assertThat(publicOnly.alerts()).isEmpty();
  }

  @Test
  void zonesOutsideTheAllowedIds_areSkippedWithAnAlert_notSentToBeDenied() {
    InstancePlan plan =
        new RecordRules(PlanningRules.builder().allowedZoneIds(Set.of("ZCORP")).build())
            .plan(
                instance(Map.of("CNAME", "api.dev.internal"), false, List.of()),
                new VpcFacts(VPC, true, List.of("corp.internal")),
                new ZoneCatalog(
                    ALL, Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZDEV"), ZoneId.of("ZREV"))));

    assertThat(lines(plan)).containsExactly("ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23");
    assertThat(plan.alerts())
        .extracting(a -> a.kind() + ": " + a.message())
        .containsExactlyInAnyOrder(
            "ZONE_NOT_ALLOWED: zone dev.internal. (ZDEV) is not in DDNS_ALLOWED_ZONE_IDS: no"
                + " record is written there",
            "ZONE_NOT_ALLOWED: zone 1.0.10.in-addr.arpa. (ZREV) is not in"
                + " DDNS_ALLOWED_ZONE_IDS: no record is written there");
  }

  @Test
  void anExistingWiderReverseZone_takesThePointer_insteadOfANewSlash24() {
    HostedZone tenSlash8 =
        new HostedZone(ZoneId.of("ZTEN"), DnsName.parse("10.in-addr.arpa"), true);
    HostedZone tenZeroSlash16 =
        new HostedZone(ZoneId.of("ZTEN0"), DnsName.parse("0.10.in-addr.arpa"), true);
    HostedZone elsewhere =
        new HostedZone(ZoneId.of("ZNINE"), DnsName.parse("9.10.in-addr.arpa"), true);
    HostedZone v6 =
        new HostedZone(ZoneId.of("ZV6"), DnsName.parse("8.b.d.0.1.0.0.2.ip6.arpa"), true);
    VpcFacts vpc = new VpcFacts(VPC, true, List.of("corp.internal"));

    InstancePlan wide =
        rules.plan(
            instance(Map.of(), false, List.of("2001:db8::1")),
            vpc,
            new ZoneCatalog(
                List.of(CORP, tenSlash8, elsewhere, v6),
                Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZTEN"), ZoneId.of("ZV6"))));
    InstancePlan narrower =
        rules.plan(
            instance(Map.of(), false, List.of()),
            vpc,
            new ZoneCatalog(
                List.of(CORP, tenSlash8, tenZeroSlash16),
                Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZTEN"), ZoneId.of("ZTEN0"))));
    InstancePlan onlyAssociatedOneCounts =
        rules.plan(
            instance(Map.of(), false, List.of()),
            vpc,
            new ZoneCatalog(
                List.of(CORP, tenSlash8, tenZeroSlash16),
                Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZTEN"))));

    assertThat(lines(wide))
        .contains(
            "ZTEN PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal.",
            "ZV6 PTR 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."
                + " ip-10-0-1-23.corp.internal.");
    assertThat(wide.zoneActions()).isEmpty();
    assertThat(lines(narrower))
        .contains("ZTEN0 PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal.");
    assertThat(lines(onlyAssociatedOneCounts))
        .as("a zone the VPC sees answers; joining a narrower one would hide the wider one's names")
        .contains("ZTEN PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal.");
    assertThat(onlyAssociatedOneCounts.zoneActions()).isEmpty();
  }

  @Test
  void reverseZoneCreatedForAnotherVpc_isNotShared_aZoneOfItsOwnIsCreated() {
    HostedZone othersReverse =
        new HostedZone(
            ZoneId.of("ZREVB"),
            DnsName.parse("1.0.10.in-addr.arpa"),
            true,
            0,
            java.util.Optional.of("vpc-other"));
    HostedZone usersReverse =
        new HostedZone(ZoneId.of("ZREVU"), DnsName.parse("1.0.10.in-addr.arpa"), true);
    VpcFacts vpc = new VpcFacts(VPC, true, List.of("corp.internal"));

    InstancePlan alone =
        rules.plan(
            instance(Map.of(), false, List.of()),
            vpc,
            new ZoneCatalog(List.of(CORP, othersReverse), Set.of(ZoneId.of("ZCORP"))));
    InstancePlan withUsers =
        rules.plan(
            instance(Map.of(), false, List.of()),
            vpc,
            new ZoneCatalog(
                List.of(CORP, othersReverse, usersReverse), Set.of(ZoneId.of("ZCORP"))));

    assertThat(alone.zoneActions())
        .containsExactly(
            new ZoneAction.CreateReverseZone(DnsName.parse("1.0.10.in-addr.arpa"), VPC));
    assertThat(alone.records()).noneMatch(r -> r.key().type() == RecordType.PTR);
    assertThat(withUsers.zoneActions())
        .containsExactly(
            new ZoneAction.AssociateVpc(
                ZoneId.of("ZREVU"), DnsName.parse("1.0.10.in-addr.arpa"), VPC));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "CNAME, ip-10-0-1-200.corp.internal",
    "CNAME, IP-10-0-1-200.dev.internal.",
    "CNAME, web.1.0.10.in-addr.arpa",
    "ZONE, 1.0.10.in-addr.arpa",
  })
  void namesInTheToolsOwnNameSpace_areRefusedWithAnAlert(String key, String value) {
    VpcFacts vpc = new VpcFacts(VPC, true, List.of("corp.internal"));
    InstancePlan plan =
        rules.plan(
            instance(Map.of(key, value), false, List.of()),
            vpc,
            new ZoneCatalog(ALL, Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZDEV"), ZoneId.of("ZREV"))));

    assertThat(plan.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.INVALID_TAG);
              assertThat(a.message()).contains(key + " tag");
            });
    assertThat(plan.records())
        .extracting(r -> r.key().name().value())
        .containsExactlyInAnyOrder("ip-10-0-1-23.corp.internal.", "23.1.0.10.in-addr.arpa.");
  }

  @Test
  void aPrivateZoneShadowingAPublicOne_isNotJoined_byATagWriter() {
    HostedZone othersPrivate =
        new HostedZone(ZoneId.of("ZOTHERS"), DnsName.parse("example.com"), true);
    VpcFacts vpc = new VpcFacts(VPC, true, List.of());
    ZoneCatalog zones =
        new ZoneCatalog(List.of(othersPrivate, EXAMPLE_PUBLIC, REVERSE), Set.of(ZoneId.of("ZREV")));

    InstancePlan plan =
        rules.plan(instance(Map.of("ZONE", "example.com"), true, List.of()), vpc, zones);

    assertThat(plan.zoneActions()).isEmpty();
    assertThat(plan.records()).noneMatch(r -> r.key().zoneId().equals(othersPrivate.id()));
    assertThat(plan.records())
        .as("the public zone gets its record as before")
        .anyMatch(r -> r.key().zoneId().equals(EXAMPLE_PUBLIC.id()));
    assertThat(plan.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.ASSOCIATION_REFUSED);
              assertThat(a.message()).contains("example.com.").contains("DDNS_ASSOCIATE_ZONES");
            });
  }

  @Test
  void awsOwnDomains_areNotJoined_andAZoneTheOperatorListed_is() {
    HostedZone ec2Internal = new HostedZone(ZoneId.of("ZEC2"), DnsName.parse("ec2.internal"), true);
    HostedZone regional =
        new HostedZone(ZoneId.of("ZREG"), DnsName.parse("eu-west-1.compute.internal"), true);
    VpcFacts vpc = new VpcFacts(VPC, true, List.of("ec2.internal", "eu-west-1.compute.internal"));
    ZoneCatalog zones = new ZoneCatalog(List.of(ec2Internal, regional), Set.of());

    InstancePlan refused = rules.plan(instance(Map.of(), false, List.of()), vpc, zones);
    RecordRules optedIn =
        new RecordRules(
            PlanningRules.builder()
                .createReverseZones(false)
                .associateZones(Set.of("ec2.internal.", "ZREG"))
                .build());
    InstancePlan allowed = optedIn.plan(instance(Map.of(), false, List.of()), vpc, zones);

    assertThat(refused.records()).isEmpty();
    assertThat(refused.zoneActions()).isEmpty();
    assertThat(refused.alerts())
        .extracting(a -> a.kind())
        .containsOnly(AlertKind.ASSOCIATION_REFUSED)
        .hasSize(2);
    assertThat(allowed.zoneActions()).hasSize(2);
    assertThat(allowed.alerts()).isEmpty();
  }

  @Test
  void tagKeysDifferingOnlyInCase_areAmbiguous_alerted_andNeitherIsUsed() {
    VpcFacts vpc = new VpcFacts(VPC, true, List.of("corp.internal"));
    InstancePlan plan =
        rules.plan(
            instance(
                Map.of("CNAME", "web.corp.internal", "cname", "api.corp.internal"),
                false,
                List.of()),
            vpc,
            new ZoneCatalog(ALL, Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZREV"))));

    assertThat(plan.records()).noneMatch(r -> r.key().type() == RecordType.CNAME);
    assertThat(plan.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.INVALID_TAG);
              assertThat(a.message()).contains("'CNAME'").contains("'cname'");
            });
  }

  @Test
  void aPublicAddressWithoutAPublicDnsName_warnsThatDnsHostnamesAreProbablyOff() {
    VpcFacts vpc = new VpcFacts(VPC, true, List.of("corp.internal"));
    InstanceFacts noPublicName =
        InstanceFacts.builder(
                InstanceId.of("i-0123456789abcdef0"),
                InstanceState.RUNNING,
                Instant.parse("2026-11-26T10:00:00Z"))
            .vpcId(VPC)
            .privateIp("10.0.1.23")
            .privateDnsName("ip-10-0-1-23.ec2.internal")
            .publicIp("54.1.2.3")
            .build();
    ZoneCatalog zones = new ZoneCatalog(ALL, Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZREV")));

    assertThat(rules.plan(noPublicName, vpc, zones).notes())
        .anyMatch(n -> n.contains("DNS hostnames are probably disabled"));
    assertThat(rules.plan(instance(Map.of(), true, List.of()), vpc, zones).notes())
        .noneMatch(n -> n.contains("DNS hostnames"));
  }

  @Test
  void noPrivateIpv4_meansNoARecord_soNoCnamePointsAtIt() {
    VpcFacts vpc = new VpcFacts(VPC, true, List.of("corp.internal"));
    InstanceFacts noIpv4 =
        InstanceFacts.builder(
                InstanceId.of("i-0123456789abcdef0"),
                InstanceState.RUNNING,
                Instant.parse("2026-11-26T10:00:00Z"))
            .vpcId(VPC)
            .privateDnsName("ip-10-0-1-23.ec2.internal")
            .tags(Map.of("CNAME", "web.corp.internal"))
            .build();

    InstancePlan plan =
        rules.plan(
            noIpv4, vpc, new ZoneCatalog(ALL, Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZREV"))));

    assertThat(plan.records())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key().type()).isEqualTo(RecordType.CNAME);
              assertThat(r.content().values()).containsExactly("ip-10-0-1-23.ec2.internal.");
            });
    assertThat(plan.notes()).anyMatch(n -> n.contains("no private IPv4 address"));
  }

  @Test
  void unassociatedPrivateZone_getsTheVpc_unlessSwitchedOff() {
    ZoneCatalog notAssociated = new ZoneCatalog(List.of(DEV, REVERSE), Set.of(ZoneId.of("ZREV")));
    VpcFacts vpc = new VpcFacts(VPC, true, List.of());
    var tags = Map.of("ZONE", "dev.internal");

    assertThat(rules.plan(instance(tags, false, List.of()), vpc, notAssociated).zoneActions())
        .containsExactly(new ZoneAction.AssociateVpc(ZoneId.of("ZDEV"), DEV.name(), VPC));
    RecordRules off = new RecordRules(PlanningRules.builder().associateVpc(false).build());
    assertThat(off.plan(instance(tags, false, List.of()), vpc, notAssociated).zoneActions())
        .isEmpty();
  }

  @Test
  void ipv6Addresses_getAaaaRecords_andPointersWhereAnIp6ArpaZoneExists() {
    InstancePlan plan =
        rules.plan(
            instance(Map.of(), false, List.of("2001:db8::1")),
            new VpcFacts(VPC, true, List.of("corp.internal")),
            new ZoneCatalog(
                List.of(CORP, REVERSE, IP6),
                Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZREV"), ZoneId.of("ZIP6"))));

    assertThat(lines(plan))
        .contains(
            "ZCORP AAAA ip-10-0-1-23.corp.internal. 2001:db8::1",
            "ZIP6 PTR 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. ip-10-0-1-23.corp.internal.");
  }

  /** The /64 reverse zone of 2001:db8::/64, and of 2001:db8:0:1::/64. */
  private static final DnsName SLASH64 = DnsName.parse("0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");

  private static final DnsName OTHER_SLASH64 =
      DnsName.parse("1.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");

  private static final String PTR_1 =
      "PTR 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."
          + " ip-10-0-1-23.corp.internal.";
  private static final String PTR_5 =
      "PTR 5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."
          + " ip-10-0-1-23.corp.internal.";

  static Stream<Arguments> ipv6Table() {
    HostedZone slash64 = new HostedZone(ZoneId.of("ZV64"), SLASH64, true);
    PlanningRules defaults = PlanningRules.defaults();
    PlanningRules all = defaults.toBuilder().allAddresses(true).build();
    PlanningRules noCreate = PlanningRules.builder().createReverseZones(false).build();
    String other = "222222222222/eu-west-1/" + VPC;
    return Stream.of(
        Arguments.of(
            "a covering ip6.arpa zone the VPC sees is used",
            defaults,
            VPC,
            List.of("2001:db8::1"),
            List.of(IP6),
            Set.of("ZIP6"),
            List.of("ZIP6 " + PTR_1),
            List.of(),
            ""),
        Arguments.of(
            "a covering ip6.arpa zone the VPC does not see is joined",
            defaults,
            VPC,
            List.of("2001:db8::1"),
            List.of(IP6),
            Set.of(),
            List.of("ZIP6 " + PTR_1),
            List.of(new ZoneAction.AssociateVpc(IP6.id(), IP6.name(), VPC)),
            ""),
        Arguments.of(
            "no covering zone: the subnet's /64 zone is created",
            defaults,
            VPC,
            List.of("2001:db8::1"),
            List.of(),
            Set.of(),
            List.of(),
            List.of(new ZoneAction.CreateReverseZone(SLASH64, VPC)),
            "reverse zone " + SLASH64 + " is missing; it is created for the PTR"),
        Arguments.of(
            "no covering zone, creation off: no PTR, a note",
            noCreate,
            VPC,
            List.of("2001:db8::1"),
            List.of(),
            Set.of(),
            List.of(),
            List.of(),
            "is missing and reverse-zone creation is off: no PTR"),
        Arguments.of(
            "no covering zone, another account's VPC: not created, a note",
            defaults,
            other,
            List.of("2001:db8::1"),
            List.of(),
            Set.of(),
            List.of(),
            List.of(),
            "one for a VPC of another account or region is not created"),
        Arguments.of(
            "another account's VPC: a covering zone is used and joined",
            defaults,
            other,
            List.of("2001:db8::1"),
            List.of(IP6),
            Set.of(),
            List.of("ZIP6 " + PTR_1),
            List.of(new ZoneAction.AssociateVpc(IP6.id(), IP6.name(), other)),
            ""),
        Arguments.of(
            "a further IPv6 address in a zone that exists gets its PTR",
            defaults,
            VPC,
            List.of("2001:db8::1", "2001:db8:0:1::5"),
            List.of(IP6),
            Set.of("ZIP6"),
            List.of("ZIP6 " + PTR_1, "ZIP6 " + PTR_5),
            List.of(),
            ""),
        Arguments.of(
            "a further IPv6 address without a zone: none created without DDNS_ALL_ADDRESSES",
            defaults,
            VPC,
            List.of("2001:db8::1", "2001:db8:0:1::5"),
            List.of(slash64),
            Set.of("ZV64"),
            List.of("ZV64 " + PTR_1),
            List.of(),
            "no reverse zone covers further address 2001:db8:0:1::5; with DDNS_ALL_ADDRESSES"),
        Arguments.of(
            "a further IPv6 address without a zone: its /64 created with DDNS_ALL_ADDRESSES",
            all,
            VPC,
            List.of("2001:db8::1", "2001:db8:0:1::5"),
            List.of(slash64),
            Set.of("ZV64"),
            List.of("ZV64 " + PTR_1),
            List.of(new ZoneAction.CreateReverseZone(OTHER_SLASH64, VPC)),
            "reverse zone " + OTHER_SLASH64 + " is missing; it is created for the PTR"),
        Arguments.of(
            "DDNS_ALLOWED_ZONE_IDS set: no zone created",
            defaults.toBuilder().allowedZoneIds(Set.of("ZCORP")).build(),
            VPC,
            List.of("2001:db8::1"),
            List.of(),
            Set.of(),
            List.of(),
            List.of(),
            "it is not created while DDNS_ALLOWED_ZONE_IDS lists the zones"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ipv6Table")
  void ipv6Pointers_goToTheCoveringZone_orASlash64ZoneIsCreated_asForIpv4(
      String why,
      PlanningRules planningRules,
      String vpcId,
      List<String> ipv6,
      List<HostedZone> reverseZones,
      Set<String> associated,
      List<String> pointers,
      List<ZoneAction> actions,
      String note) {
    List<HostedZone> zones = new ArrayList<>(List.of(CORP, REVERSE));
    zones.addAll(reverseZones);
    Set<ZoneId> seen = new java.util.HashSet<>(Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZREV")));
    associated.forEach(id -> seen.add(ZoneId.of(id)));
    InstanceFacts facts =
        InstanceFacts.builder(
                InstanceId.of("i-0123456789abcdef0"),
                InstanceState.RUNNING,
                Instant.parse("2026-11-26T10:00:00Z"))
            .vpcId(vpcId)
            .privateIp("10.0.1.23")
            .privateDnsName("ip-10-0-1-23.ec2.internal")
            .ipv6Addresses(ipv6)
            .build();

    InstancePlan plan =
        new RecordRules(planningRules)
            .plan(
                facts,
                new VpcFacts(vpcId, true, List.of("corp.internal")),
                new ZoneCatalog(zones, seen));

    assertThat(lines(plan).stream().filter(l -> l.contains(" PTR ") && l.contains("ip6.arpa")))
        .containsExactlyInAnyOrderElementsOf(pointers);
    assertThat(plan.zoneActions().stream().filter(a -> a.describe().contains("ip6.arpa")))
        .containsExactlyInAnyOrderElementsOf(actions);
    if (!note.isEmpty()) {
      assertThat(plan.notes()).anyMatch(n -> n.contains(note));
    }
    assertThat(plan.records())
        .as("the AAAA record holds every IPv6 address, as before")
        .anySatisfy(
            r -> {
              assertThat(r.key().type()).isEqualTo(RecordType.AAAA);
              assertThat(r.content().values()).containsExactlyInAnyOrderElementsOf(ipv6);
            });
  }

  @Test
  void anIpv6OnlyInstance_getsItsSlash64ReverseZoneCreated() {
    InstanceFacts facts =
        InstanceFacts.builder(
                InstanceId.of("i-0123456789abcdef0"),
                InstanceState.RUNNING,
                Instant.parse("2026-11-26T10:00:00Z"))
            .vpcId(VPC)
            .privateDnsName("i-0123456789abcdef0.ec2.internal")
            .ipv6Addresses(List.of("2001:db8::1"))
            .build();

    InstancePlan plan =
        rules.plan(
            facts,
            new VpcFacts(VPC, true, List.of("corp.internal")),
            new ZoneCatalog(List.of(CORP), Set.of(ZoneId.of("ZCORP"))));

    assertThat(plan.zoneActions()).containsExactly(new ZoneAction.CreateReverseZone(SLASH64, VPC));
  }

  @Test
  void allowList_refusesTaggedZonesOutsideIt() {
    RecordRules allowCorp =
        new RecordRules(
            PlanningRules.builder().allowedZones(Set.of(DnsName.parse("corp.internal"))).build());
    InstancePlan plan =
        allowCorp.plan(
            instance(Map.of("ZONE", "dev.internal", "CNAME", "x.dev.internal"), false, List.of()),
            new VpcFacts(VPC, true, List.of()),
            new ZoneCatalog(ALL, Set.of(ZoneId.of("ZDEV"), ZoneId.of("ZREV"))));

    assertThat(plan.records()).isEmpty();
    assertThat(plan.alerts()).extracting(a -> a.kind()).containsOnly(AlertKind.ZONE_NOT_ALLOWED);
  }

  @Test
  void stoppedInstance_getsNothing() {
    InstanceFacts stopped =
        InstanceFacts.builder(InstanceId.of("i-00000001"), InstanceState.STOPPED, Instant.EPOCH)
            .vpcId(VPC)
            .privateIp("10.0.1.23")
            .privateDnsName("ip-10-0-1-23.ec2.internal")
            .publicIp(null)
            .publicDnsName(null)
            .ipv6Addresses(List.of())
            .tags(Map.of("ZONE", "corp.internal"))
            .build();
    assertThat(
            rules
                .plan(stopped, new VpcFacts(VPC, true, List.of()), new ZoneCatalog(ALL, Set.of()))
                .records())
        .isEmpty();
  }

  @Test
  void ttl_comesFromTheRules() {
    RecordRules ttl300 = new RecordRules(PlanningRules.builder().ttl(300).build());
    InstancePlan plan =
        ttl300.plan(
            instance(Map.of(), false, List.of()),
            new VpcFacts(VPC, true, List.of("corp.internal")),
            new ZoneCatalog(ALL, Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZREV"))));
    assertThat(plan.records()).allSatisfy(r -> assertThat(r.content().ttl()).isEqualTo(300));
  }

  @Test
  void hostNameAndPool_areSharedTheirOwnWay_andTheIpRecordTheUsualWay() {
    InstancePlan plan =
        rules.plan(
            instance(Map.of("HOSTNAME", "web01", "POOL", "web"), false, List.of()),
            new VpcFacts(VPC, true, List.of("corp.internal")),
            new ZoneCatalog(ALL, Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZREV"))));

    Map<String, ddns.dns.Sharing> sharing = new java.util.TreeMap<>();
    plan.records().forEach(r -> sharing.put(r.key().name().value(), r.sharing()));
    assertThat(sharing)
        .containsEntry("ip-10-0-1-23.corp.internal.", ddns.dns.Sharing.LATEST)
        .containsEntry("web01.corp.internal.", ddns.dns.Sharing.FIRST)
        .containsEntry("web.corp.internal.", ddns.dns.Sharing.POOL)
        .containsEntry("23.1.0.10.in-addr.arpa.", ddns.dns.Sharing.LATEST);
    assertThat(plan.pointerTargets())
        .containsExactly(
            DnsName.parse("web01.corp.internal"), DnsName.parse("ip-10-0-1-23.corp.internal"));
  }

  @Test
  void hostnamePattern_namesInstancesWithoutTheTag_fromAnAwkwardNameTag() {
    RecordRules patterned =
        new RecordRules(
            PlanningRules.builder()
                .hostnamePattern(Optional.of(HostnamePattern.parse("{tag:Name}")))
                .build());
    VpcFacts vpc = new VpcFacts(VPC, true, List.of("corp.internal"));
    ZoneCatalog zones = new ZoneCatalog(ALL, Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZREV")));

    InstancePlan named =
        patterned.plan(instance(Map.of("Name", "Web Server #1"), false, List.of()), vpc, zones);
    InstancePlan tagged =
        patterned.plan(
            instance(Map.of("Name", "Web Server #1", "HOSTNAME", "api"), false, List.of()),
            vpc,
            zones);
    InstancePlan unnamed = patterned.plan(instance(Map.of(), false, List.of()), vpc, zones);

    assertThat(lines(named)).contains("ZCORP A web-server-1.corp.internal. 10.0.1.23");
    assertThat(named.reasons().values())
        .anyMatch(
            r -> r.startsWith("DDNS_HOSTNAME_PATTERN {tag:Name} gives web-server-1; placed in"));
    assertThat(lines(tagged))
        .contains("ZCORP A api.corp.internal. 10.0.1.23")
        .noneMatch(l -> l.contains("web-server-1"));
    assertThat(lines(unnamed))
        .containsExactlyInAnyOrder(
            "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
            "ZREV PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal.");
    assertThat(unnamed.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(AlertKind.NAME_UNUSABLE);
              assertThat(a.message())
                  .isEqualTo(
                      "DDNS_HOSTNAME_PATTERN {tag:Name} needs the tag 'Name', which the instance"
                          + " does not have: no host name");
            });
  }

  @Test
  void allAddresses_givesEverySecondaryPrivateAddressItsRecordAndPointer() {
    InstanceFacts facts =
        InstanceFacts.builder(
                InstanceId.of("i-0123456789abcdef0"),
                InstanceState.RUNNING,
                Instant.parse("2026-11-26T10:00:00Z"))
            .vpcId(VPC)
            .privateIp("10.0.1.23")
            .privateDnsName("ip-10-0-1-23.ec2.internal")
            .secondaryIpv4Addresses(List.of("10.0.1.23", "10.0.1.40", "10.0.2.7"))
            .build();
    VpcFacts vpc = new VpcFacts(VPC, true, List.of("corp.internal"));
    ZoneCatalog zones = new ZoneCatalog(ALL, Set.of(ZoneId.of("ZCORP"), ZoneId.of("ZREV")));

    InstancePlan primaryOnly = rules.plan(facts, vpc, zones);
    InstancePlan all =
        new RecordRules(PlanningRules.builder().allAddresses(true).build()).plan(facts, vpc, zones);

    assertThat(lines(primaryOnly))
        .containsExactlyInAnyOrder(
            "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
            "ZREV PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal.");
    assertThat(lines(all))
        .containsExactlyInAnyOrder(
            "ZCORP A ip-10-0-1-23.corp.internal. 10.0.1.23",
            "ZREV PTR 23.1.0.10.in-addr.arpa. ip-10-0-1-23.corp.internal.",
            "ZCORP A ip-10-0-1-40.corp.internal. 10.0.1.40",
            "ZREV PTR 40.1.0.10.in-addr.arpa. ip-10-0-1-40.corp.internal.",
            "ZCORP A ip-10-0-2-7.corp.internal. 10.0.2.7");
    assertThat(all.zoneActions())
        .containsExactly(
            new ZoneAction.CreateReverseZone(DnsName.parse("2.0.10.in-addr.arpa"), VPC));
  }

  private static Arguments row(
      String why,
      Map<String, String> tags,
      List<String> dhcp,
      boolean dnsSupport,
      boolean publicIp,
      List<String> records,
      List<AlertKind> alerts) {
    return Arguments.of(why, tags, dhcp, dnsSupport, publicIp, records, alerts);
  }

  private static InstanceFacts instance(
      Map<String, String> tags, boolean publicIp, List<String> ipv6) {
    return InstanceFacts.builder(
            InstanceId.of("i-0123456789abcdef0"),
            InstanceState.RUNNING,
            Instant.parse("2026-11-26T10:00:00Z"))
        .vpcId(VPC)
        .privateIp("10.0.1.23")
        .privateDnsName("ip-10-0-1-23.ec2.internal")
        .publicIp(publicIp ? "54.1.2.3" : null)
        .publicDnsName(publicIp ? "ec2-54-1-2-3.compute-1.amazonaws.com" : null)
        .ipv6Addresses(ipv6)
        .tags(new LinkedHashMap<>(tags))
        .build();
  }

  private static List<String> lines(InstancePlan plan) {
    List<String> lines = new ArrayList<>();
    plan.records()
        .forEach(
            r ->
                lines.add(
                    r.key().zoneId()
                        + " "
                        + r.key().type()
                        + " "
                        + r.key().name()
                        + " "
                        + String.join(",", r.content().values())));
    return lines;
  }

  @SuppressWarnings("unused")
  private static List<String> list(String... items) {
    return Arrays.asList(items);
  }
}
