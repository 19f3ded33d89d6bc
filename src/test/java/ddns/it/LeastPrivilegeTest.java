package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.deploy.Template;
import ddns.faults.Fault;
import ddns.faults.Rules;
import ddns.run.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The role in template.yaml allows exactly what the code calls. Every code path that reaches AWS is
 * driven here, configured as the template configures the function (table made by the stack), and
 * the operations counted by the SDK interceptor are turned into IAM actions and compared with the
 * Allow statements of the role AWS gets, both ways: the template as the SAM translator expands it,
 * so that a policy SAM adds is seen (ExpandedTemplateTest: no managed policy at any setting).
 */
class LeastPrivilegeTest extends FaultTestBase {
  /** IAM actions each API operation needs (TransactWriteItems is authorised per item action). */
  private static final Map<String, Set<String>> ACTIONS =
      Map.ofEntries(
          // GetCallerIdentity needs no permission; the stack names its topic, so it is not called.
          Map.entry("STS.GetCallerIdentity", Set.of()),
          Map.entry("EC2.DescribeInstances", Set.of("ec2:DescribeInstances")),
          Map.entry("EC2.DescribeVpcs", Set.of("ec2:DescribeVpcs")),
          Map.entry("EC2.DescribeVpcAttribute", Set.of("ec2:DescribeVpcAttribute")),
          Map.entry("EC2.DescribeDhcpOptions", Set.of("ec2:DescribeDhcpOptions")),
          Map.entry("Route53.ListHostedZones", Set.of("route53:ListHostedZones")),
          Map.entry("Route53.GetAccountLimit", Set.of("route53:GetAccountLimit")),
          Map.entry("Route53.ListHostedZonesByVPC", Set.of("route53:ListHostedZonesByVPC")),
          Map.entry("Route53.ListResourceRecordSets", Set.of("route53:ListResourceRecordSets")),
          Map.entry("Route53.ChangeResourceRecordSets", Set.of("route53:ChangeResourceRecordSets")),
          Map.entry(
              "Route53.CreateHostedZone", Set.of("route53:CreateHostedZone", "ec2:DescribeVpcs")),
          Map.entry(
              "Route53.AssociateVPCWithHostedZone",
              Set.of("route53:AssociateVPCWithHostedZone", "ec2:DescribeVpcs")),
          Map.entry("DynamoDB.BatchGetItem", Set.of("dynamodb:BatchGetItem")),
          Map.entry("DynamoDB.GetItem", Set.of("dynamodb:GetItem")),
          Map.entry("DynamoDB.PutItem", Set.of("dynamodb:PutItem")),
          Map.entry("DynamoDB.BatchWriteItem", Set.of("dynamodb:BatchWriteItem")),
          Map.entry("DynamoDB.DeleteItem", Set.of("dynamodb:DeleteItem")),
          Map.entry("Route53.DeleteHostedZone", Set.of("route53:DeleteHostedZone")),
          Map.entry("DynamoDB.Scan", Set.of("dynamodb:Scan")),
          Map.entry(
              "DynamoDB.TransactWriteItems", Set.of("dynamodb:PutItem", "dynamodb:DeleteItem")),
          Map.entry("DynamoDB.DescribeTable", Set.of("dynamodb:DescribeTable")),
          Map.entry("DynamoDB.CreateTable", Set.of("dynamodb:CreateTable")),
          Map.entry("SNS.Publish", Set.of("sns:Publish")),
          Map.entry("STS.AssumeRole", Set.of("sts:AssumeRole")),
          Map.entry(
              "Route53.CreateVPCAssociationAuthorization",
              Set.of("route53:CreateVPCAssociationAuthorization")),
          Map.entry(
              "Route53.DeleteVPCAssociationAuthorization",
              Set.of("route53:DeleteVPCAssociationAuthorization")),
          Map.entry("Organizations.ListAccounts", Set.of("organizations:ListAccounts")),
          Map.entry(
              "AutoScaling.CompleteLifecycleAction", Set.of("autoscaling:CompleteLifecycleAction")),
          Map.entry(
              "AutoScaling.RecordLifecycleActionHeartbeat",
              Set.of("autoscaling:RecordLifecycleActionHeartbeat")),
          Map.entry("Route53.GetChange", Set.of("route53:GetChange")),
          Map.entry("AutoScaling.DescribeTags", Set.of("autoscaling:DescribeTags")),
          Map.entry(
              "AutoScaling.DescribeAutoScalingGroups",
              Set.of("autoscaling:DescribeAutoScalingGroups")),
          Map.entry("SQS.SendMessage", Set.of("sqs:SendMessage")));

  /** Calls made as a member account's role are counted with this suffix. */
  private static final String AS_MEMBER = " as member";

  @Test
  void roleAllowsExactlyTheActionsTheCodeCalls() {
    env.put("DDNS_CREATE_TABLE", "false");
    followLaunchesThroughAQueue();
    world.registryTable("DDNS");
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    var other = world.network("10.30.0.0/16", null, true);
    String zone = world.privateZone("corp.internal", other.vpcId()); // not yet associated with net
    String id =
        world.launch(net, Map.of("CNAME", "web.corp.internal", "ZONE", "nowhere.test"), false);
    proxy.add(Rules.first(1, Rules.operation("BatchGetItem"), Fault.unprocessedKeys()));
    List<Summary> runs = new ArrayList<>();

    runs.addAll(deliver(List.of(Events.stateChange(id, "running"))));
    world.stop(id);
    runs.addAll(deliver(List.of(Events.stateChange(id, "stopped"))));
    world.start(id);
    runs.add(app().reconcile(false));
    runs.add(handle(Events.tagChange(id, "DeleteTags", "CNAME", null)));
    String scaled =
        world
            .group(net, "web", 1, Map.of("POOL", "web", "HOSTNAME", "web-{index}"), Map.of())
            .get(0);
    runs.add(handle(lifecycleLaunch(scaled)));
    runs.addAll(deliverFollowUps());

    Set<String> operations = new TreeSet<>();
    runs.forEach(s -> operations.addAll(s.apiCalls().keySet()));
    assertThat(operations)
        .as("every path was driven")
        .contains(
            "Route53.CreateHostedZone",
            "Route53.AssociateVPCWithHostedZone",
            "DynamoDB.GetItem",
            "DynamoDB.Scan",
            "DynamoDB.BatchWriteItem",
            "SNS.Publish",
            "AutoScaling.CompleteLifecycleAction",
            "AutoScaling.RecordLifecycleActionHeartbeat",
            "AutoScaling.DescribeTags",
            "AutoScaling.DescribeAutoScalingGroups",
            "Route53.GetChange",
            "SQS.SendMessage");
    assertThat(world.records(zone)).isNotEmpty();

    Set<String> needed = new TreeSet<>();
    for (String operation : operations) {
      assertThat(ACTIONS).as("IAM actions of %s are known", operation).containsKey(operation);
      needed.addAll(ACTIONS.get(operation));
    }
    assertThat(Template.expanded().allowedActions())
        .as("template.yaml DdnsFunctionRole's route53-ddns policy, as expanded")
        .isEqualTo(needed);
  }

  /** A launch lifecycle action of the tool's hook, held open in the proxy as Auto Scaling would. */
  private String lifecycleLaunch(String id) {
    String token = java.util.UUID.randomUUID().toString();
    proxy.lifecycleActions().open(token, "web", "route53-ddns-launch", id);
    return Events.lifecycle("lifecycle-launch.json", id, token, Map.of());
  }

  /**
   * Launches are followed through the tool's queue, as deployed, and Route 53 says PENDING once per
   * change, so each launch takes a heartbeat and a second follow-up before it is let go.
   */
  private void followLaunchesThroughAQueue() {
    env.put("DDNS_QUEUE_URL", world.sqs.createQueue(r -> r.queueName("ddns-events")).queueUrl());
    proxy.changeStatus(asked -> asked <= 1);
  }

  /** Delivers the follow-ups sent so far, and those they send, as the queue would. */
  private List<Summary> deliverFollowUps() {
    List<Summary> runs = new ArrayList<>();
    for (int delivered = 0; delivered < sentFollowUps().size(); delivered++) {
      runs.add(handle(Events.sqsBatch(List.of(sentFollowUps().get(delivered)))));
    }
    assertThat(runs).as("follow-ups delivered").hasSizeGreaterThanOrEqualTo(2);
    proxy.clearCalls();
    return runs;
  }

  private List<String> sentFollowUps() {
    return proxy.calls().stream()
        .filter(c -> c.operation().equals("SendMessage"))
        .map(
            c -> {
              try {
                return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(c.body())
                    .path("MessageBody")
                    .asText();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .toList();
  }

  private static String inAccount(String event, String account, String region) {
    return event
        .replace("\"account\":\"123456789012\"", "\"account\":\"" + account + "\"")
        .replace("\"region\":\"us-east-1\"", "\"region\":\"" + region + "\"");
  }

  @Test
  void deletingEmptiedReverseZones_isAllowed_onlyWhenSwitchedOn() {
    env.put("DDNS_CREATE_TABLE", "false");
    env.put("DDNS_DELETE_EMPTY_REVERSE_ZONES", "true");
    world.registryTable("DDNS");
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    List<Summary> runs = new ArrayList<>();

    runs.addAll(deliver(List.of(Events.stateChange(id, "running"))));
    world.stop(id);
    runs.addAll(deliver(List.of(Events.stateChange(id, "stopped"))));

    Set<String> operations = new TreeSet<>();
    runs.forEach(s -> operations.addAll(s.apiCalls().keySet()));
    assertThat(operations).contains("Route53.DeleteHostedZone", "DynamoDB.DeleteItem");
    assertThat(world.zoneIdsNamed("1.20.10.in-addr.arpa.")).isEmpty();
    Set<String> allowed =
        Template.expanded().allowedActions(Map.of("DeleteEmptyReverseZones", "true"));
    for (String operation : operations) {
      assertThat(ACTIONS).as("IAM actions of %s are known", operation).containsKey(operation);
      assertThat(allowed).containsAll(ACTIONS.get(operation));
    }
    assertThat(Template.expanded().allowedActions()).doesNotContain("route53:DeleteHostedZone");
  }

  /**
   * Organization-wide: the member role of template-member.yaml allows exactly what the code calls
   * as that role, and what the central role gains for other accounts and regions is exactly what
   * the code calls for them.
   */
  @Test
  void organizationWide_theMemberRoleAndTheCentralRolesAdditions_areExactlyWhatTheCodeCalls() {
    String member = "222222222222";
    String west = "us-west-2";
    env.put("DDNS_CREATE_TABLE", "false");
    env.put("DDNS_ACCOUNTS", member);
    env.put("DDNS_REGIONS", west);
    proxy.crossAccountZones("testing");
    followLaunchesThroughAQueue();
    world.registryTable("DDNS");
    var central = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", central.vpcId());
    List<AwsWorld> others =
        List.of(
            AwsWorld.of(EMULATOR.endpoint(), member, west),
            AwsWorld.of(EMULATOR.endpoint(), AwsWorld.ACCOUNT, west));
    List<Summary> runs = new ArrayList<>();
    try {
      AwsWorld theirs = others.get(0);
      var net = theirs.network("10.30.0.0/16", "corp.internal", true);
      String id = theirs.launch(net, Map.of("CNAME", "db.corp.internal"), false);
      AwsWorld ownWest = others.get(1);
      String westId =
          ownWest.launch(ownWest.network("10.31.0.0/16", "corp.internal", true), Map.of(), false);

      runs.add(handle(Events.stateChangeIn(id, "running", member, west)));
      runs.add(app().reconcile(false));
      theirs.stop(id);
      runs.add(handle(Events.stateChangeIn(id, "stopped", member, west)));
      ownWest.stop(westId);
      runs.add(handle(Events.stateChangeIn(westId, "stopped", AwsWorld.ACCOUNT, west)));
      String grouped =
          theirs
              .group(net, "web", 1, Map.of("POOL", "web", "HOSTNAME", "web-{index}"), Map.of())
              .get(0);
      runs.add(handle(inAccount(lifecycleLaunch(grouped), member, west)));
      runs.addAll(deliverFollowUps());
    } finally {
      others.forEach(AwsWorld::close);
    }

    Set<String> operations = new TreeSet<>();
    runs.forEach(r -> operations.addAll(r.apiCalls().keySet()));
    Set<String> asMember = new TreeSet<>();
    Set<String> asCentral = new TreeSet<>();
    for (String operation : operations) {
      boolean memberCall = operation.endsWith(AS_MEMBER);
      String plain =
          memberCall ? operation.substring(0, operation.length() - AS_MEMBER.length()) : operation;
      assertThat(ACTIONS).as("IAM actions of %s are known", plain).containsKey(plain);
      (memberCall ? asMember : asCentral).addAll(ACTIONS.get(plain));
    }
    assertThat(operations)
        .as("every path was driven")
        .contains(
            "EC2.DescribeInstances as member",
            "Route53.ListHostedZonesByVPC as member",
            "Route53.AssociateVPCWithHostedZone as member",
            "STS.AssumeRole",
            "Route53.CreateVPCAssociationAuthorization",
            "Route53.DeleteVPCAssociationAuthorization",
            "AutoScaling.CompleteLifecycleAction as member",
            "AutoScaling.RecordLifecycleActionHeartbeat as member",
            "AutoScaling.DescribeTags as member",
            "AutoScaling.DescribeAutoScalingGroups as member");

    Map<String, String> roleStack = Map.of("AWS::Region", "us-east-1");
    assertThat(Template.member().roleActions("MemberRole", roleStack))
        .as("template-member.yaml MemberRole")
        .isEqualTo(asMember);
    assertThat(Template.member().roleActions("MemberRole", Map.of("AWS::Region", "eu-west-1")))
        .as("made in the role's region only: IAM is global")
        .isEmpty();

    Map<String, String> organization = Map.of("MemberAccounts", member, "MemberRegions", west);
    Set<String> centralAllowed = Template.expanded().allowedActions(organization);
    assertThat(centralAllowed).as("template.yaml DdnsFunction policy").containsAll(asCentral);
    Set<String> added = new TreeSet<>(centralAllowed);
    added.removeAll(Template.expanded().allowedActions());
    assertThat(added)
        .as("what serving other accounts adds to the central role")
        .isEqualTo(
            Set.of(
                "sts:AssumeRole",
                "route53:CreateVPCAssociationAuthorization",
                "route53:DeleteVPCAssociationAuthorization"));
    assertThat(asCentral).containsAll(added);
    assertThat(Template.expanded().allowedActions(Map.of("MemberAccounts", "organization")))
        .contains("organizations:ListAccounts");
  }
}
