package ddns.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What AWS gets: template.yaml expanded by the SAM translator (the transform CloudFormation runs),
 * checked at the settings that change it. cfn-lint checks each resource on its own; these check
 * what holds between them and what SAM adds.
 */
class ExpandedTemplateTest {
  private static final String KEY =
      "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  /** The defaults, and every switch that adds to the role or the resources turned on. */
  private static final List<Map<String, String>> SETTINGS =
      List.of(
          Map.of(),
          Map.of(
              "Tracing", "true",
              "KmsKeyArn", KEY,
              "MemberAccounts", "organization",
              "OrganizationId", "o-abcdefghij",
              "DeleteEmptyReverseZones", "true",
              "RegistryTableName", "ddns-earlier-stack-RegistryTable-1A2B3C",
              "TagEvents", "both",
              "Timeout", "900"),
          Map.of("MemberAccounts", "111111111111,222222222222", "AllowedHostedZoneIds", "Z1,Z2"));

  private final Template source = Template.read();

  @Test
  void noRoleOfTheStack_getsAManagedPolicy_atAnySetting() {
    for (Map<String, String> setting : SETTINGS) {
      Template expanded = Template.expanded(setting);
      Map<String, JsonNode> roles = expanded.resourcesOfType("AWS::IAM::Role");

      assertThat(roles).as("roles with %s", setting).containsOnlyKeys("DdnsFunctionRole");
      roles.forEach(
          (name, role) ->
              assertThat(role.path("Properties").path("ManagedPolicyArns").isMissingNode())
                  .as("%s has managed policies with %s: %s", name, setting, role)
                  .isTrue());
      assertThat(expanded.resource("DdnsFunction").path("Properties").path("Role").toString())
          .contains("DdnsFunctionRole");
    }
  }

  @Test
  void whatLambdaDoesForTheFunction_isScopedToTheStacksOwnQueuesAndLogGroup() {
    Template expanded = Template.expanded(SETTINGS.get(1));
    Map<String, String> resources = new java.util.TreeMap<>();
    for (JsonNode statement :
        expanded.statements(Template.PLATFORM_POLICY, true, SETTINGS.get(1))) {
      assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
      for (JsonNode action : statement.path("Action")) {
        resources.put(action.asText(), statement.path("Resource").toString());
      }
    }

    assertThat(resources)
        .containsEntry("sqs:ReceiveMessage", "{\"Fn::GetAtt\":[\"EventQueue\",\"Arn\"]}")
        .containsEntry("sqs:DeleteMessage", "{\"Fn::GetAtt\":[\"EventQueue\",\"Arn\"]}")
        .containsEntry("sqs:GetQueueAttributes", "{\"Fn::GetAtt\":[\"EventQueue\",\"Arn\"]}")
        .containsEntry("sqs:SendMessage", "{\"Fn::GetAtt\":[\"ReconcileFailureQueue\",\"Arn\"]}")
        .containsEntry("logs:PutLogEvents", "{\"Fn::GetAtt\":[\"FunctionLogGroup\",\"Arn\"]}")
        .containsEntry("logs:CreateLogStream", "{\"Fn::GetAtt\":[\"FunctionLogGroup\",\"Arn\"]}")
        .containsEntry("kms:Decrypt", "{\"Ref\":\"KmsKeyArn\"}")
        .containsEntry("kms:GenerateDataKey", "{\"Ref\":\"KmsKeyArn\"}")
        .containsEntry("xray:PutTraceSegments", "\"*\"")
        .containsEntry("xray:PutTelemetryRecords", "\"*\"");
    resources.forEach(
        (action, resource) -> {
          if (!action.startsWith("xray:")) {
            assertThat(resource).as(action + " on every resource").isNotEqualTo("\"*\"");
          }
        });
    assertThat(Template.expanded().statements(Template.PLATFORM_POLICY, true, Map.of()).toString())
        .as("the key and traces only when switched on")
        .doesNotContain("kms:", "xray:");
  }

  @Test
  void
      theQueuesVisibilityTimeout_isAtLeastSixTimesTheFunctionTimeoutPlusTheWindow_atEveryTimeout() {
    List<String> timeouts = source.allowedValues("Timeout");
    List<Integer> windows =
        List.of(
            Integer.parseInt(source.parameterProperty("BatchingWindowSeconds", "MinValue").get()),
            Integer.parseInt(source.defaultOf("BatchingWindowSeconds")),
            Integer.parseInt(source.parameterProperty("BatchingWindowSeconds", "MaxValue").get()));
    assertThat(timeouts).as("Timeout is bounded by its allowed values").contains("300", "900");
    Template expanded = Template.expanded();
    JsonNode visibility =
        expanded.resource("EventQueue").path("Properties").path("VisibilityTimeout");

    for (String timeout : timeouts) {
      int seconds = expanded.number(visibility, Map.of("Timeout", timeout));
      for (int window : windows) {
        assertThat(seconds)
            .as("visibility at Timeout=%s, window %d", timeout, window)
            .isGreaterThanOrEqualTo(6 * Integer.parseInt(timeout) + window)
            .isLessThanOrEqualTo(43_200); // SQS's maximum
      }
    }
    assertThat(expanded.resource("DdnsFunction").path("Properties").path("Timeout").toString())
        .contains("Timeout");
  }

  @Test
  void noArnNamesThePartition_everyOneTakesItFromTheStack() {
    assertThat(Template.text(Template.FILE)).doesNotContain("arn:aws:");
    assertThat(Template.text(Template.MEMBER)).doesNotContain("arn:aws:");
    for (Map<String, String> setting : SETTINGS) {
      assertThat(Template.expanded(setting).json()).as("%s", setting).doesNotContain("arn:aws:");
    }
  }

  @Test
  void theWholeOrganization_withoutItsId_isRefusedBeforeAnythingIsCreated() {
    Template expanded = Template.expanded();

    assertThat(expanded.refusals(Map.of("MemberAccounts", "organization")))
        .singleElement()
        .asString()
        .contains("OrganizationId");
    assertThat(
            expanded.refusals(
                Map.of("MemberAccounts", "organization", "OrganizationId", "o-abcdefghij")))
        .isEmpty();
    assertThat(expanded.refusals(Map.of("MemberAccounts", "111111111111"))).isEmpty();
    assertThat(expanded.refusals(Map.of())).isEmpty();
  }

  @Test
  void theMemberRoles_mayBeAssumedOnlyInTheListedAccounts_orInTheOrganization() {
    JsonNode statement = source.conditionalStatement("ServesOtherAccounts", "AssumeMemberRoles");
    JsonNode branches = statement.path("Condition").path("Fn::If");

    assertThat(branches.get(0).asText()).isEqualTo("WholeOrganization");
    assertThat(branches.get(1).path("StringEquals").path("aws:ResourceOrgID").toString())
        .contains("OrganizationId");
    assertThat(branches.get(2).path("StringEquals").path("aws:ResourceAccount").toString())
        .contains("MemberAccounts");
  }

  @Test
  void theRegistry_isProtectedAndKept_andAnEarlierStacksTableIsReused() {
    JsonNode table = source.resource("RegistryTable");
    assertThat(table.path("Properties").path("DeletionProtectionEnabled").asBoolean()).isTrue();
    assertThat(table.path("DeletionPolicy").asText()).isEqualTo("Retain");
    assertThat(table.path("Condition").asText()).isEqualTo("CreatesTable");

    Map<String, String> reuse = Map.of("RegistryTableName", "ddns-old-RegistryTable-1A2B3C");
    assertThat(source.holds("CreatesTable", reuse)).isFalse();
    assertThat(source.holds("CreatesTable", Map.of())).isTrue();
    assertThat(
            source.function().path("Environment").path("Variables").path("DDNS_TABLE").toString())
        .contains("RegistryTableName");
    String registry =
        source.statements(Template.CODE_POLICY, true, reuse).stream()
            .filter(s -> s.path("Sid").asText().equals("Registry"))
            .findFirst()
            .orElseThrow()
            .path("Resource")
            .toString();
    assertThat(registry).contains("table/${RegistryTableName}").contains("RegistryTable");
  }

  @ParameterizedTest
  @ValueSource(strings = {"EventQueue", "DeadLetterQueue", "ReconcileFailureQueue", "AlertTopic"})
  void theCustomersKey_encryptsTheQueuesAndTheTopic_whenGiven(String resource) {
    String properties = source.resource(resource).path("Properties").toString();

    assertThat(properties)
        .contains("\"KmsMasterKeyId\":{\"Fn::If\":[\"HasKmsKey\",{\"Ref\":\"KmsKeyArn\"}");
    assertThat(source.holds("HasKmsKey", Map.of())).isFalse();
    assertThat(source.holds("HasKmsKey", Map.of("KmsKeyArn", KEY))).isTrue();
  }

  @Test
  void alarms_watchTheOldestEventAndFailedInstances_andSayWhenAllIsWellAgain() {
    Template expanded = Template.expanded();
    Map<String, JsonNode> alarms = expanded.resourcesOfType("AWS::CloudWatch::Alarm");

    assertThat(alarms)
        .containsKeys(
            "DeadLetterAlarm",
            "ReconcileFailureAlarm",
            "OldestMessageAlarm",
            "FailedInstancesAlarm",
            "ErrorsAlarm",
            "ThrottlesAlarm");
    alarms.forEach(
        (name, alarm) -> {
          assertThat(alarm.path("Properties").path("AlarmActions").toString())
              .as(name)
              .contains("AlertTopic");
          assertThat(alarm.path("Properties").path("OKActions").toString())
              .as(name)
              .contains("AlertTopic");
        });
    JsonNode oldest = alarms.get("OldestMessageAlarm").path("Properties");
    assertThat(oldest.path("MetricName").asText()).isEqualTo("ApproximateAgeOfOldestMessage");
    assertThat(oldest.path("Dimensions").toString()).contains("EventQueue");
    List<String> failed = new ArrayList<>();
    for (JsonNode metric : alarms.get("FailedInstancesAlarm").path("Properties").path("Metrics")) {
      JsonNode stat = metric.path("MetricStat").path("Metric");
      if (!stat.isMissingNode()) {
        failed.add(
            stat.path("Namespace").asText()
                + "/"
                + stat.path("MetricName").asText()
                + " "
                + stat.path("Dimensions").toString());
      }
    }
    assertThat(failed)
        .hasSize(2)
        .allMatch(m -> m.startsWith("route53-ddns/FailedInstances"))
        .anyMatch(m -> m.contains("\"event\""))
        .anyMatch(m -> m.contains("\"reconcile\""));
    String dashboard =
        expanded.resource("Dashboard").path("Properties").path("DashboardBody").toString();
    assertThat(dashboard)
        .contains("ApproximateAgeOfOldestMessage", "FailedInstances")
        .contains("EventQueue", "DeadLetterQueue", "ReconcileFailureQueue");
  }

  @Test
  void logs_areJsonLinesFilteredAtTheLogLevel_andTracingIsASwitch() {
    JsonNode function = Template.expanded().resource("DdnsFunction").path("Properties");

    assertThat(function.path("LoggingConfig").path("LogFormat").asText()).isEqualTo("JSON");
    assertThat(function.path("LoggingConfig").path("ApplicationLogLevel").toString())
        .contains("LogLevel");
    assertThat(function.path("TracingConfig").toString()).contains("TracingOn", "Active");
    assertThat(source.function().path("Environment").path("Variables").has("JAVA_TOOL_OPTIONS"))
        .as("java21 stops at tier 1 already")
        .isFalse();
  }

  @Test
  void aFailedReconcileRun_hasAQueueOfItsOwn_apartFromTheParkedEvents() {
    JsonNode config =
        Template.expanded().resource("DdnsFunctionEventInvokeConfig").path("Properties");

    assertThat(config.path("DestinationConfig").path("OnFailure").path("Destination").toString())
        .contains("ReconcileFailureQueue")
        .doesNotContain("DeadLetterQueue");
  }
}
