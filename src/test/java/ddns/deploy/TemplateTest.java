package ddns.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ddns.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What cfn-lint cannot see: the template agrees with the code and with real events. */
class TemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Template template = Template.read();

  @Test
  void handler_namesTheRealHandlerClassAndMethod() throws Exception {
    String handler = template.function().path("Handler").asText();
    String[] parts = handler.split("::");

    Class<?> type = Class.forName(parts[0]);

    assertThat(RequestStreamHandler.class).isAssignableFrom(type);
    assertThat(
            type.getMethod(
                parts[1],
                InputStream.class,
                java.io.OutputStream.class,
                com.amazonaws.services.lambda.runtime.Context.class))
        .isNotNull();
    assertThat(type.getConstructor()).isNotNull();
    assertThat(template.function().path("Runtime").asText()).isEqualTo("java21");
  }

  @Test
  void environment_setsOnlyVariablesTheCodeReads() {
    Set<String> set = new TreeSet<>();
    template
        .function()
        .path("Environment")
        .path("Variables")
        .fieldNames()
        .forEachRemaining(set::add);
    set.remove("JAVA_TOOL_OPTIONS");

    assertThat(Settings.ALL.stream().map(Settings.Setting::name).toList()).containsAll(set);
    assertThat(set)
        .contains(
            "DDNS_TTL",
            "DDNS_ZONE_TAG",
            "DDNS_CNAME_TAG",
            "DDNS_ALLOWED_ZONES",
            "DDNS_CREATE_REVERSE_ZONES",
            "DDNS_ASSOCIATE_VPC",
            "DDNS_TABLE",
            "DDNS_ALERT_TOPIC_ARN");
    assertThat(template.parameters())
        .contains(
            "RecordTtl",
            "ZoneTagKey",
            "CnameTagKey",
            "AllowedZones",
            "CreateReverseZones",
            "AssociateVpc",
            "ReconcileRate",
            "BatchSize",
            "BatchingWindowSeconds",
            "AlertEmail");
  }

  @Test
  void sqsEventSource_reportsBatchItemFailures_andTheQueueHasADeadLetterQueue() {
    JsonNode sqs = template.function().path("Events").path("StateChanges").path("Properties");
    assertThat(sqs.path("FunctionResponseTypes").toString()).contains("ReportBatchItemFailures");
    assertThat(
            template
                .resource("EventQueue")
                .path("Properties")
                .path("RedrivePolicy")
                .path("deadLetterTargetArn")
                .toString())
        .contains("DeadLetterQueue");
  }

  @ParameterizedTest(name = "{1} matches {0}: {2}")
  @CsvSource({
    "running.json,      StateChangeRule, true",
    "stopped.json,      StateChangeRule, true",
    "terminated.json,   StateChangeRule, true",
    "scheduled.json,    StateChangeRule, false",
    "create-tags.json,  StateChangeRule, false",
    "create-tags.json,  TagChangeRule,   true",
    "running.json,      TagChangeRule,   false",
    "associate-address.json,    AddressChangeRule, true",
    "disassociate-address.json, AddressChangeRule, true",
    "create-tags.json,          AddressChangeRule, false",
    "associate-address.json,    TagChangeRule,     false",
    "lifecycle-launch.json,     LifecycleActionRule, true",
    "lifecycle-terminate.json,  LifecycleActionRule, true",
    "running.json,              LifecycleActionRule, false",
    "lifecycle-launch.json,     StateChangeRule,   false",
    "tag-change-on-resource.json, ResourceTagRule, true",
    "create-tags.json,            ResourceTagRule, false",
    "running.json,                ResourceTagRule, false",
    "tag-change-on-resource.json, TagChangeRule,   false",
    "tag-change-on-resource.json, StateChangeRule, false",
  })
  void eventPatterns_matchTheExampleEvents(String event, String rule, boolean matches)
      throws IOException {
    JsonNode pattern = template.resource(rule).path("Properties").path("EventPattern");

    assertThat(EventPatterns.matches(pattern, JSON.readTree(example(event)))).isEqualTo(matches);
  }

  @Test
  void stateChangeRule_matchesEveryStateTheHandlerActsOn_andNotPending() throws IOException {
    JsonNode pattern = template.resource("StateChangeRule").path("Properties").path("EventPattern");
    JsonNode event = JSON.readTree(example("running.json"));
    for (String state :
        new String[] {"running", "stopping", "stopped", "shutting-down", "terminated"}) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("detail")).put("state", state);
      assertThat(EventPatterns.matches(pattern, event)).as(state).isTrue();
    }
    ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("detail")).put("state", "pending");
    assertThat(EventPatterns.matches(pattern, event)).isFalse();
  }

  @Test
  void sqsBatchExample_carriesEventsTheRuleMatches() throws IOException {
    JsonNode pattern = template.resource("StateChangeRule").path("Properties").path("EventPattern");
    for (Iterator<JsonNode> it =
            JSON.readTree(example("sqs-batch.json")).path("Records").elements();
        it.hasNext(); ) {
      assertThat(EventPatterns.matches(pattern, JSON.readTree(it.next().path("body").asText())))
          .isTrue();
    }
  }

  @Test
  void table_isOnDemand_withTtlAndPointInTimeRecovery_keyedByInstanceId() {
    JsonNode table = template.resource("RegistryTable").path("Properties");
    assertThat(table.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
    assertThat(table.path("TimeToLiveSpecification").path("Enabled").asBoolean()).isTrue();
    assertThat(
            table
                .path("PointInTimeRecoverySpecification")
                .path("PointInTimeRecoveryEnabled")
                .asBoolean())
        .isTrue();
    assertThat(table.path("KeySchema").get(0).path("AttributeName").asText())
        .isEqualTo("InstanceId");
  }

  @Test
  void alarms_goToTheAlertTopic() {
    for (String alarm :
        new String[] {"DeadLetterAlarm", "ErrorsAlarm", "ThrottlesAlarm", "TimeToDnsAlarm"}) {
      assertThat(template.resource(alarm).path("Properties").path("AlarmActions").toString())
          .contains("AlertTopic");
    }
  }

  @Test
  void timeToDnsAlarm_watchesTheMetricTheFunctionWrites_inItsServiceAndMode() {
    JsonNode alarm = template.resource("TimeToDnsAlarm").path("Properties");

    assertThat(alarm.path("Namespace").asText()).isEqualTo("route53-ddns");
    assertThat(alarm.path("MetricName").asText()).isEqualTo("TimeToDns");
    assertThat(alarm.path("ExtendedStatistic").asText()).isEqualTo("p95");
    assertThat(alarm.path("Dimensions").toString())
        .contains("\"Service\"")
        .contains("AWS::StackName")
        .contains("\"event\"");
    assertThat(alarm.path("Threshold").path("Ref").asText())
        .isEqualTo("TimeToDnsAlarmMilliseconds");
  }

  private static String example(String name) throws IOException {
    try (InputStream in = TemplateTest.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void zoneCreation_isGrantedOnlyWhenSwitchedOn_andOnlyForPrivateZonesOfThisRegion() {
    JsonNode statement =
        template.conditionalStatement("CreateReverseZonesOn", "CreateReverseZones");

    assertThat(statement.path("Action").toString()).contains("route53:CreateHostedZone");
    assertThat(statement.path("Condition").path("Null").path("route53:VPCs").asText())
        .as("a request naming no VPC creates a public zone: refused")
        .isEqualTo("false");
    assertThat(statement.path("Condition").path("StringLike").path("route53:VPCs").toString())
        .contains("VPCRegion=${AWS::Region}");
    assertThat(template.allowedActionsOutsideConditions())
        .doesNotContain("route53:CreateHostedZone", "route53:AssociateVPCWithHostedZone");
  }

  @Test
  void vpcAssociation_isGrantedOnlyWhenSwitchedOn() {
    JsonNode statement = template.conditionalStatement("AssociateVpcOn", "AssociateVpcs");

    assertThat(statement.path("Action").toString()).contains("route53:AssociateVPCWithHostedZone");
    assertThat(statement.path("Condition").path("StringLike").path("route53:VPCs").toString())
        .contains("VPCRegion=${AWS::Region}");
  }

  @Test
  void theQueue_deniesSendMessage_toEveryoneButTheRules_andTheNamedOperators() {
    JsonNode deny = null;
    for (JsonNode s :
        template
            .resource("EventQueuePolicy")
            .path("Properties")
            .path("PolicyDocument")
            .path("Statement")) {
      if (s.path("Effect").asText().equals("Deny")) {
        deny = s;
      }
    }
    assertThat(deny).as("an explicit deny").isNotNull();
    assertThat(deny.path("Principal").asText()).isEqualTo("*");
    assertThat(deny.path("Action").asText()).isEqualTo("sqs:SendMessage");
    JsonNode branches = deny.path("Condition").path("Fn::If");
    assertThat(branches.get(0).asText()).isEqualTo("HasOperators");
    for (JsonNode condition : new JsonNode[] {branches.get(1), branches.get(2)}) {
      assertThat(condition.path("ArnNotEquals").path("aws:SourceArn").toString())
          .contains("StateChangeRule")
          .contains("TagChangeRule")
          .contains("ResourceTagRule")
          .contains("AddressChangeRule")
          .contains("LifecycleActionRule");
      assertThat(condition.path("ArnNotEquals").path("aws:PrincipalArn").toString())
          .as("the function's own role sends itself the follow-ups of launches")
          .contains("DdnsFunctionRole");
    }
    assertThat(branches.get(1).path("ArnNotLike").path("aws:PrincipalArn").toString())
        .as("the operators who send dead letters back, and only when named")
        .contains("OperatorRoleArns");
    assertThat(branches.get(2).has("ArnNotLike")).isFalse();
    assertThat(template.holds("HasOperators", java.util.Map.of())).isFalse();
    assertThat(
            template.holds(
                "HasOperators",
                java.util.Map.of("OperatorRoleArns", "arn:aws:iam::123456789012:role/ops")))
        .isTrue();
  }

  @Test
  void tagRule_matchesTagCallsOnInstances_notOnVolumesOrSnapshots() throws IOException {
    JsonNode pattern = template.resource("TagChangeRule").path("Properties").path("EventPattern");
    ObjectNode onVolume = (ObjectNode) JSON.readTree(example("create-tags.json"));
    ((ObjectNode)
            onVolume
                .path("detail")
                .path("requestParameters")
                .path("resourcesSet")
                .path("items")
                .get(0))
        .put("resourceId", "vol-0123456789abcdef0");

    assertThat(EventPatterns.matches(pattern, JSON.readTree(example("create-tags.json")))).isTrue();
    assertThat(EventPatterns.matches(pattern, onVolume)).isFalse();
  }

  @Test
  void aFailedReconcileRun_goesToAQueueOfItsOwn() {
    JsonNode config = template.function().path("EventInvokeConfig");

    assertThat(config.path("MaximumRetryAttempts").asInt()).isBetween(0, 2);
    assertThat(config.path("DestinationConfig").path("OnFailure").path("Type").asText())
        .isEqualTo("SQS");
    assertThat(config.path("DestinationConfig").path("OnFailure").path("Destination").toString())
        .contains("ReconcileFailureQueue");
  }

  @Test
  void logs_goToTheStacksOwnLogGroup_withRetention_removedWithTheStack() {
    JsonNode group = template.resource("FunctionLogGroup");

    assertThat(group.path("Type").asText()).isEqualTo("AWS::Logs::LogGroup");
    assertThat(group.path("DeletionPolicy").asText()).isEqualTo("Delete");
    assertThat(group.path("Properties").path("RetentionInDays").toString())
        .contains("LogRetentionDays");
    assertThat(template.function().path("LoggingConfig").path("LogGroup").toString())
        .contains("FunctionLogGroup");
  }

  @Test
  void theTopicName_isTheStacks_soTwoStacksLiveInOneAccount() {
    JsonNode name = template.resource("AlertTopic").path("Properties").path("TopicName");

    assertThat(name.isMissingNode() || name.toString().contains("AWS::StackName")).isTrue();
  }

  @Test
  void theQueue_drivesAtMostMaximumConcurrencyInvocations_soRoute53PacingBoundsTheShare() {
    JsonNode sqs = template.function().path("Events").path("StateChanges").path("Properties");

    assertThat(sqs.path("ScalingConfig").path("MaximumConcurrency").toString())
        .contains("MaximumConcurrency");
    assertThat(
            template
                .function()
                .path("Environment")
                .path("Variables")
                .path("DDNS_ROUTE53_RPS")
                .toString())
        .contains("Route53RequestsPerSecond");
  }
}
