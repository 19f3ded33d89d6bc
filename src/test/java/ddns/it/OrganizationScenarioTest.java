package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import ddns.dns.RecordType;
import ddns.faults.Fault;
import ddns.faults.FaultProxy;
import ddns.run.Summary;
import java.io.IOException;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.route53.model.VPC;
import software.amazon.awssdk.services.route53.model.VpcAssociationAuthorizationNotFoundException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * docs/behaviour.md, "Many accounts and regions": the tool in its own account (123456789012,
 * us-east-1) serves instances of another account (222222222222) and region (us-west-2), with its
 * zones. The emulator keeps each account apart and honours STS AssumeRole; the proxy adds Route
 * 53's cross-account association rules, which the emulator lacks.
 */
class OrganizationScenarioTest extends EmulatorTest {
  private static final String MEMBER = "222222222222";
  private static final String WEST = "us-west-2";

  private FaultProxy proxy;
  private final List<AwsWorld> others = new ArrayList<>();

  @BeforeEach
  void organization() throws IOException {
    proxy = strictProxy();
    proxy.crossAccountZones("testing");
    endpoint = proxy.endpoint();
    env.put("DDNS_ACCOUNTS", MEMBER);
    env.put("DDNS_REGIONS", WEST);
  }

  @AfterEach
  void closeOthers() {
    others.forEach(AwsWorld::close);
    proxy.close();
  }

  private AwsWorld in(String account, String region) {
    AwsWorld other = AwsWorld.of(EMULATOR.endpoint(), account, region);
    others.add(other);
    return other;
  }

  @Test
  void anInstanceOfAnotherAccount_getsRecordsInTheCentralZone_andItsStopRemovesThem() {
    var central = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", central.vpcId());
    AwsWorld member = in(MEMBER, WEST);
    var net = member.network("10.30.0.0/16", "corp.internal", true);
    String id = member.launch(net, Map.of("CNAME", "db.corp.internal"), false);
    String ip = member.describe(id).privateIpAddress();
    String label = member.describe(id).privateDnsName().split("\\.")[0];

    Summary started = handle(Events.stateChangeIn(id, "running", MEMBER, WEST));

    assertThat(started.exitStatus()).as(started.toString()).isZero();
    assertThat(world.records(corp))
        .contains(
            record(label + ".corp.internal", RecordType.A, ip),
            record("db.corp.internal", RecordType.CNAME, label + ".corp.internal."));
    assertThat(
            world.route53.getHostedZone(r -> r.id(corp)).vpCs().stream()
                .map(v -> v.vpcId() + "@" + v.vpcRegionAsString()))
        .as("the member VPC joined the central zone")
        .contains(net.vpcId() + "@" + WEST);
    assertThat(proxy.calls().stream().map(FaultProxy.Call::operation))
        .containsSubsequence(
            "CreateVPCAssociationAuthorization",
            "AssociateVPCWithHostedZone",
            "DeleteVPCAssociationAuthorization");
    assertThat(registry())
        .anyMatch(item -> item.get("InstanceId").s().equals(MEMBER + "/" + WEST + "/" + id));

    member.stop(id);
    Summary stopped = handle(Events.stateChangeIn(id, "stopped", MEMBER, WEST));

    assertThat(stopped.exitStatus()).isZero();
    assertThat(world.records(corp)).isEmpty();
    assertThat(registry()).noneMatch(item -> item.get("InstanceId").s().contains(id));
  }

  @Test
  void aMemberVpc_joinsTheCentralReverseZoneThatCoversIt_andNoneIsCreatedForIt() {
    var central = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", central.vpcId());
    String reverse = world.privateZone("1.30.10.in-addr.arpa", central.vpcId());
    AwsWorld member = in(MEMBER, WEST);
    var covered = member.network("10.30.0.0/16", "corp.internal", true);
    var uncovered = member.network("10.40.0.0/16", "corp.internal", true);
    String withPointer = member.launch(covered, Map.of(), false);
    String without = member.launch(uncovered, Map.of(), false);
    int zonesBefore = world.route53.listHostedZones().hostedZones().size();

    Summary run =
        handle(
            Events.sqsBatch(
                List.of(
                    Events.stateChangeIn(withPointer, "running", MEMBER, WEST),
                    Events.stateChangeIn(without, "running", MEMBER, WEST))));

    assertThat(run.exitStatus()).as(run.toString()).isZero();
    String ip = member.describe(withPointer).privateIpAddress();
    assertThat(world.records(reverse))
        .containsExactly(
            record(
                ip.split("\\.")[3] + ".1.30.10.in-addr.arpa",
                RecordType.PTR,
                member.describe(withPointer).privateDnsName().split("\\.")[0] + ".corp.internal."));
    assertThat(world.route53.listHostedZones().hostedZones()).hasSize(zonesBefore);
    assertThat(
            run.instances().stream()
                .filter(i -> i.instanceId().endsWith(without))
                .flatMap(i -> i.notes().stream()))
        .anyMatch(
            n ->
                n.contains(
                    "is missing; one for a VPC of another account or region is not created"));
    assertThat(world.records(corp)).hasSize(2);
  }

  @Test
  void reconcileOverTwoAccountsAndTwoRegions_repairsDriftInEach() {
    var home = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", home.vpcId());
    List<AwsWorld> places =
        List.of(world, in(AwsWorld.ACCOUNT, WEST), in(MEMBER, AwsWorld.REGION), in(MEMBER, WEST));
    List<String> ids = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < places.size(); i++) {
      AwsWorld place = places.get(i);
      var net = i == 0 ? home : place.network("10.3" + i + ".0.0/16", "corp.internal", true);
      String id = place.launch(net, Map.of(), false);
      ids.add(id);
      labels.add(place.describe(id).privateDnsName().split("\\.")[0] + ".corp.internal");
    }

    Summary first = app().reconcile(false);

    assertThat(first.exitStatus()).as(first.toString()).isZero();
    assertThat(world.records(corp).stream().map(r -> r.name().value()))
        .containsExactlyInAnyOrderElementsOf(labels.stream().map(l -> l + ".").toList());

    for (String label : labels) {
      world.deleteRecord(corp, label, RecordType.A);
    }
    world.handWrittenRecord(corp, "stale.corp.internal", "A", "10.99.0.1");
    Summary second = app().reconcile(false);

    assertThat(second.exitStatus()).as(second.toString()).isZero();
    for (int i = 0; i < places.size(); i++) {
      assertThat(world.records(corp))
          .as("workplace %d", i)
          .contains(
              record(
                  labels.get(i),
                  RecordType.A,
                  places.get(i).describe(ids.get(i)).privateIpAddress()));
    }
    assertThat(world.records(corp))
        .as("a record the tool did not write stays")
        .anyMatch(r -> r.name().value().equals("stale.corp.internal."));

    places.get(3).terminate(ids.get(3));
    Summary third = app().reconcile(false);

    assertThat(third.exitStatus()).isZero();
    assertThat(world.records(corp).stream().map(r -> r.name().value()))
        .doesNotContain(labels.get(3) + ".")
        .contains(labels.get(2) + ".");
  }

  @Test
  void aMemberAccountWhoseRoleCannotBeAssumed_isAlerted_andTheOthersAreDone() {
    String locked = "333333333333";
    env.put("DDNS_ACCOUNTS", MEMBER + "," + locked);
    env.put("DDNS_REGIONS", "");
    proxy.add(
        call ->
            call.operation().equals("AssumeRole") && call.mentions(locked)
                ? Fault.error("AccessDenied")
                : null);
    var home = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", home.vpcId());
    String own = world.launch(home, Map.of(), false);
    AwsWorld member = in(MEMBER, AwsWorld.REGION);
    String reached =
        member.launch(member.network("10.30.0.0/16", "corp.internal", true), Map.of(), false);
    AwsWorld lockedWorld = in(locked, AwsWorld.REGION);
    String unreached =
        lockedWorld.launch(
            lockedWorld.network("10.40.0.0/16", "corp.internal", true), Map.of(), false);

    Summary run = app().reconcile(false);

    assertThat(run.exitStatus()).as("the run reports the account it could not read").isNotZero();
    assertThat(run.failedMessageIds()).contains(locked + "/" + AwsWorld.REGION);
    assertThat(run.notes())
        .anyMatch(
            n ->
                n.contains("account " + locked)
                    && n.contains("arn:aws:iam::" + locked + ":role/route53-ddns-member")
                    && n.contains("AccessDenied"));
    assertThat(world.records(corp).stream().map(r -> r.values().get(0)))
        .contains(
            world.describe(own).privateIpAddress(), member.describe(reached).privateIpAddress())
        .doesNotContain(lockedWorld.describe(unreached).privateIpAddress());
    List<String> alerts = world.alerts();
    assertThat(alerts).anyMatch(a -> a.contains(locked) && a.contains("route53-ddns-member"));

    Summary again = app().reconcile(false);
    assertThat(again.failedMessageIds()).contains(locked + "/" + AwsWorld.REGION);
    assertThat(world.alerts()).as("the same problem is alerted once").isEmpty();

    proxy.add(
        call ->
            call.operation().equals("AssumeRole") && call.mentions(MEMBER)
                ? Fault.error("AccessDenied")
                : null);
    restartApp();
    Summary bothLocked = app().reconcile(false);

    assertThat(bothLocked.failedMessageIds()).contains(MEMBER + "/" + AwsWorld.REGION);
    assertThat(world.records(corp).stream().map(r -> r.values().get(0)))
        .as(
            "an account that cannot be read keeps its records: its instances are not taken for gone")
        .contains(member.describe(reached).privateIpAddress());
    assertThat(registry())
        .anyMatch(
            i -> i.get("InstanceId").s().equals(MEMBER + "/" + AwsWorld.REGION + "/" + reached));

    proxy.heal();
    proxy.add(
        call ->
            call.operation().equals("AssumeRole") && call.mentions(locked)
                ? Fault.error("AccessDenied")
                : null);
    restartApp();
    Summary batch =
        handle(
            Events.sqsBatch(
                List.of(
                    Events.stateChangeIn(unreached, "running", locked, AwsWorld.REGION),
                    Events.stateChangeIn(reached, "running", MEMBER, AwsWorld.REGION))));
    assertThat(batch.failedMessageIds())
        .as("only the locked account's message is retried")
        .hasSize(1);
    Summary.InstanceOutcome failed =
        batch.instances().stream()
            .filter(i -> i.instanceId().equals(locked + "/" + AwsWorld.REGION + "/" + unreached))
            .findFirst()
            .orElseThrow();
    assertThat(failed.alerts())
        .anyMatch(a -> a.kind().equals("WORKPLACE_UNREACHABLE") && a.message().contains(locked));
    assertThat(batch.instances())
        .anyMatch(
            i ->
                i.instanceId().equals(MEMBER + "/" + AwsWorld.REGION + "/" + reached)
                    && i.error() == null);
  }

  @Test
  void aRegistryOfTodaysKeys_survivesTheUpgradeToManyAccounts_withNothingLostOrDuplicated() {
    env.remove("DDNS_ACCOUNTS");
    env.remove("DDNS_REGIONS");
    var home = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", home.vpcId());
    String own = world.launch(home, Map.of("CNAME", "app.corp.internal"), false);
    running(own);
    var before = registry().stream().map(item -> item.get("InstanceId").s()).sorted().toList();
    var recordsBefore = world.records(corp);
    assertThat(before).contains(own);

    env.put("DDNS_ACCOUNTS", MEMBER);
    env.put("DDNS_REGIONS", WEST);
    restartApp();
    AwsWorld member = in(MEMBER, WEST);
    String theirs =
        member.launch(member.network("10.30.0.0/16", "corp.internal", true), Map.of(), false);
    Summary upgraded = app().reconcile(false);

    assertThat(upgraded.exitStatus()).as(upgraded.toString()).isZero();
    var after = registry().stream().map(item -> item.get("InstanceId").s()).sorted().toList();
    assertThat(after).containsAll(before).contains(MEMBER + "/" + WEST + "/" + theirs);
    assertThat(after).doesNotHaveDuplicates().hasSize(before.size() + 2);
    assertThat(world.records(corp)).containsAll(recordsBefore);

    stopped(own);

    assertThat(world.records(corp).stream().map(r -> r.name().value()))
        .doesNotContain("app.corp.internal.");
    assertThat(registry()).noneMatch(item -> item.get("InstanceId").s().equals(own));
  }

  @Test
  void aRefusedAssociationStep_isAnAlertNamingTheVpcTheZoneAndThePermission() {
    proxy.add(
        call ->
            call.operation().equals("AssociateVPCWithHostedZone")
                ? Fault.error("AccessDenied")
                : null);
    var central = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", central.vpcId());
    AwsWorld member = in(MEMBER, WEST);
    var net = member.network("10.30.0.0/16", "corp.internal", true);
    String id = member.launch(net, Map.of(), false);

    Summary started = handle(Events.stateChangeIn(id, "running", MEMBER, WEST));

    Summary.InstanceOutcome outcome = started.instances().get(0);
    assertThat(outcome.alerts())
        .anyMatch(
            a ->
                a.kind().equals("ASSOCIATION_FAILED")
                    && a.message().contains(net.vpcId())
                    && a.message().contains(corp)
                    && a.message().contains("route53:AssociateVPCWithHostedZone")
                    && a.message().contains("member role of account " + MEMBER));
    assertThat(world.alerts()).anyMatch(a -> a.contains(net.vpcId()) && a.contains(corp));
    assertThat(world.route53.getHostedZone(r -> r.id(corp)).vpCs().stream().map(v -> v.vpcId()))
        .doesNotContain(net.vpcId());
    assertThat(proxy.calls().stream().map(FaultProxy.Call::operation))
        .as("the authorization is not left behind")
        .contains("DeleteVPCAssociationAuthorization");
  }

  @Test
  void theProxy_refusesAMemberAssociationWithoutAnAuthorization_asRoute53Does() {
    var central = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", central.vpcId());
    AwsWorld member = in(MEMBER, WEST);
    var net = member.network("10.30.0.0/16", null, true);
    VPC vpc = VPC.builder().vpcId(net.vpcId()).vpcRegion(WEST).build();
    try (var sts =
            StsClient.builder()
                .endpointOverride(proxy.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(testingKeys())
                .build();
        var asMember =
            Route53Client.builder()
                .endpointOverride(proxy.endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(
                    StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(sts)
                        .refreshRequest(
                            r ->
                                r.roleArn("arn:aws:iam::" + MEMBER + ":role/any")
                                    .roleSessionName("test"))
                        .build())
                .build();
        var asOwner =
            Route53Client.builder()
                .endpointOverride(proxy.endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(testingKeys())
                .build()) {
      // The body of a 401 does not reach the SDK through HttpURLConnection (it gives up reading a
      // 401 answer to a streamed request), so the status is what the caller sees.
      assertThatThrownBy(
              () -> asMember.associateVPCWithHostedZone(r -> r.hostedZoneId(corp).vpc(vpc)))
          .isInstanceOfSatisfying(
              Route53Exception.class, e -> assertThat(e.statusCode()).isEqualTo(401));

      asOwner.createVPCAssociationAuthorization(r -> r.hostedZoneId(corp).vpc(vpc));
      asMember.associateVPCWithHostedZone(r -> r.hostedZoneId(corp).vpc(vpc));
      asOwner.deleteVPCAssociationAuthorization(r -> r.hostedZoneId(corp).vpc(vpc));

      assertThat(
              asMember
                  .listHostedZonesByVPC(r -> r.vpcId(net.vpcId()).vpcRegion(WEST))
                  .hostedZoneSummaries()
                  .stream()
                  .map(z -> z.hostedZoneId()))
          .containsExactly(corp);
      assertThatThrownBy(
              () -> asOwner.deleteVPCAssociationAuthorization(r -> r.hostedZoneId(corp).vpc(vpc)))
          .isInstanceOf(VpcAssociationAuthorizationNotFoundException.class);
    }
  }

  private static AwsCredentialsProvider testingKeys() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
  }

  @Test
  void theCommandLine_reconcilesOneAccountAndRegion_andPlansAnInstanceThere() {
    var home = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", home.vpcId());
    String own = world.launch(home, Map.of(), false);
    AwsWorld member = in(MEMBER, WEST);
    String theirs =
        member.launch(member.network("10.30.0.0/16", "corp.internal", true), Map.of(), false);

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = cli(out, err, "reconcile", "--account", MEMBER, "--region", WEST);

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains(MEMBER + "/" + WEST + "/" + theirs).doesNotContain(own);
    assertThat(world.records(corp).stream().map(r -> r.values().get(0)))
        .containsExactly(member.describe(theirs).privateIpAddress());

    StringWriter plan = new StringWriter();
    int planned =
        cli(plan, err, "plan", "--instance-id", theirs, "--account", MEMBER, "--region", WEST);

    assertThat(planned).as(err.toString()).isZero();
    assertThat(plan.toString())
        .contains("Instance " + MEMBER + "/" + WEST + "/" + theirs + ": running")
        .contains("(none: DNS is as it should be)");

    StringWriter refused = new StringWriter();
    assertThat(cli(out, refused, "reconcile", "--account", "12")).isEqualTo(2);
    assertThat(refused.toString()).contains("--account '12' is not an AWS account id");
  }

  @Test
  void accountsFromTheOrganization_areListedAndServed() throws Exception {
    env.put("DDNS_ACCOUNTS", "organization");
    env.put("DDNS_REGIONS", "");
    organizations("CreateOrganization", "{\"FeatureSet\":\"ALL\"}");
    organizations(
        "CreateAccount", "{\"AccountName\":\"workload\",\"Email\":\"workload@example.com\"}");
    String workload =
        new ObjectMapper()
                .readTree(organizations("ListAccounts", "{}"))
                .path("Accounts")
                .findValuesAsText("Id")
                .stream()
                .filter(a -> !a.equals(AwsWorld.ACCOUNT))
                .findFirst()
                .orElseThrow();
    var home = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", home.vpcId());
    AwsWorld member = in(workload, AwsWorld.REGION);
    String theirs =
        member.launch(member.network("10.30.0.0/16", "corp.internal", true), Map.of(), false);

    Summary run = app().reconcile(false);

    assertThat(run.exitStatus()).as(run.toString()).isZero();
    assertThat(run.apiCalls()).containsEntry("Organizations.ListAccounts", 1);
    assertThat(world.records(corp).stream().map(r -> r.values().get(0)))
        .containsExactly(member.describe(theirs).privateIpAddress());
  }

  @Test
  void anotherAccountsInstanceWithTheSameAddress_takesNoNamePoolOrPointerOfTheFirst() {
    var prod = world.network("10.0.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", prod.vpcId());
    String reverse = world.privateZone("10.in-addr.arpa", prod.vpcId());
    String db =
        world.launch(
            prod, Map.of("HOSTNAME", "db01", "CNAME", "api.corp.internal", "POOL", "web"), false);
    running(db);
    var before = world.records(corp);
    var pointers = world.records(reverse);
    AwsWorld dev = in(MEMBER, WEST);
    String squatter =
        dev.launch(
            dev.network("10.0.0.0/16", "corp.internal", true),
            Map.of("CNAME", "api.corp.internal", "POOL", "web"),
            false);
    assertThat(dev.describe(squatter).privateIpAddress()).isEqualTo(privateIp(db));

    Summary summary = handle(Events.stateChangeIn(squatter, "running", MEMBER, WEST));

    assertThat(world.records(corp)).containsExactlyInAnyOrderElementsOf(before);
    assertThat(world.records(reverse)).containsExactlyInAnyOrderElementsOf(pointers);
    assertThat(summary.instances().get(0).alerts())
        .extracting(Summary.AlertView::kind)
        .contains("NAME_TAKEN", "NAME_CONFLICT")
        .doesNotContain("RECORD_REFUSED");
    assertThat(summary.instances().get(0).alerts())
        .filteredOn(a -> a.kind().equals("NAME_TAKEN"))
        .allSatisfy(a -> assertThat(a.message()).contains(db, "DDNS_SHARED_ACROSS_ACCOUNTS"));
    assertThat(registry()).noneMatch(item -> item.get("InstanceId").s().contains(squatter));
    assertThat(world.route53.getHostedZone(r -> r.id(reverse)).vpCs().stream().map(v -> v.vpcId()))
        .as("the second VPC did not join the reverse zone holding the first one's pointers")
        .containsExactly(prod.vpcId());
    assertThat(summary.instances().get(0).alerts())
        .filteredOn(a -> a.kind().equals("ASSOCIATION_REFUSED"))
        .singleElement()
        .satisfies(a -> assertThat(a.message()).contains("10.in-addr.arpa", prod.vpcId()));
  }

  @Test
  void aNameSharedAcrossAccountsOnPurpose_isSharedByBothAccounts_asWithinOneAccount() {
    env.put("DDNS_SHARED_ACROSS_ACCOUNTS", "api.corp.internal");
    var prod = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", prod.vpcId());
    String first = world.launch(prod, Map.of("CNAME", "api.corp.internal"), false);
    running(first);
    AwsWorld dev = in(MEMBER, WEST);
    String later =
        dev.launch(
            dev.network("10.30.0.0/16", "corp.internal", true),
            Map.of("CNAME", "api.corp.internal"),
            false);

    Summary summary = handle(Events.stateChangeIn(later, "running", MEMBER, WEST));

    // Both claim the name; it carries the newest claimant's content (launch time, then id), as
    // within one account. The emulator launches both within one second, so either may be newest.
    assertThat(summary.instances().get(0).alerts()).isEmpty();
    assertThat(registry())
        .filteredOn(item -> item.get("InstanceId").s().contains("|api.corp.internal.|CNAME"))
        .singleElement()
        .satisfies(
            claim ->
                assertThat(claim.get("Claimants").m())
                    .containsOnlyKeys(first, MEMBER + "/" + WEST + "/" + later));
  }

  @Test
  void anEventOfAnAccountOutsideTheOrganization_isRefused_andTheMembersEventIsHandled()
      throws Exception {
    env.put("DDNS_ACCOUNTS", "organization");
    env.put("DDNS_REGIONS", "");
    organizations("CreateOrganization", "{\"FeatureSet\":\"ALL\"}");
    var home = world.network("10.20.0.0/16", "corp.internal", true);
    String corp = world.privateZone("corp.internal", home.vpcId());
    String own = world.launch(home, Map.of(), false);

    Summary summary =
        handle(
            Events.sqsBatch(
                List.of(
                    Events.stateChangeIn(
                        "i-0fedcba9876543210", "running", "333333333333", AwsWorld.REGION),
                    Events.stateChange(own, "running"))));

    assertThat(summary.failedMessageIds()).containsExactly("msg-0");
    assertThat(summary.rejected())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.error())
                    .contains("333333333333", "not an active account of the organization"));
    assertThat(summary.apiCalls()).containsEntry("Organizations.ListAccounts", 1);
    assertThat(world.records(corp)).hasSize(1);
  }

  /** The emulator's AWS Organizations, called as the SDK would (the world has no client for it). */
  private static String organizations(String operation, String body) throws Exception {
    var request =
        HttpRequest.newBuilder(EMULATOR.endpoint())
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "AWSOrganizationsV20161128." + operation)
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=testing/20261126/us-east-1/organizations/aws4_request,"
                    + " SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try (var client = HttpClient.newHttpClient()) {
      var response = client.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return response.body();
    }
  }
}
