package ddns.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * template-member.yaml agrees with the central template: it forwards what the central rules listen
 * to, to the central bus, and its role trusts the central function's role only.
 */
class MemberTemplateTest {
  private final Template member = Template.member();
  private final Template central = Template.read();

  @ParameterizedTest
  @CsvSource({
    "StateChangeForward, StateChangeRule",
    "TagChangeForward, TagChangeRule",
    "ResourceTagForward, ResourceTagRule",
    "AddressChangeForward, AddressChangeRule",
    "LifecycleActionForward, LifecycleActionRule"
  })
  void eachForwardingRule_matchesWhatTheCentralRuleMatches_andTargetsTheCentralBus(
      String forward, String centralRule) {
    JsonNode rule = member.resource(forward).path("Properties");

    assertThat(rule.path("EventPattern"))
        .isEqualTo(central.resource(centralRule).path("Properties").path("EventPattern"));
    JsonNode target = rule.path("Targets").get(0);
    assertThat(target.path("Arn").path("Ref").asText()).isEqualTo("CentralEventBusArn");
    assertThat(target.path("RoleArn").path("Fn::GetAtt").get(0).asText()).isEqualTo("ForwardRole");
  }

  @Test
  void theMemberRole_trustsOnlyTheCentralFunctionsRole_withTheExternalIdWhenOneIsSet() {
    JsonNode trust =
        member.resource("MemberRole").path("Properties").path("AssumeRolePolicyDocument");

    assertThat(trust.path("Statement")).hasSize(1);
    JsonNode statement = trust.path("Statement").get(0);
    assertThat(statement.path("Principal").path("AWS").path("Ref").asText())
        .isEqualTo("CentralFunctionRoleArn");
    assertThat(statement.path("Principal").has("Service")).isFalse();
    JsonNode condition = statement.path("Condition").path("Fn::If");
    assertThat(condition.get(0).asText()).isEqualTo("HasExternalId");
    assertThat(condition.get(1).path("StringEquals").path("sts:ExternalId").path("Ref").asText())
        .isEqualTo("ExternalId");
    assertThat(member.defaultOf("MemberRoleName")).isEqualTo(central.defaultOf("MemberRoleName"));
  }

  /**
   * IAM keeps a trusted role by its unique id: after the central stack is made again, raising
   * TrustGeneration changes the trust policy, so CloudFormation writes it again and IAM trusts the
   * new role (README, "Organization").
   */
  @Test
  void theTrustPolicy_changesWithTrustGeneration_soItCanBeWrittenAgain() {
    JsonNode statement =
        member
            .resource("MemberRole")
            .path("Properties")
            .path("AssumeRolePolicyDocument")
            .path("Statement")
            .get(0);

    assertThat(statement.path("Sid").path("Fn::Sub").asText()).contains("${TrustGeneration}");
    assertThat(member.defaultOf("TrustGeneration")).isEqualTo("1");
  }

  @Test
  void theRoleIsMadeInOneRegion_andNotInTheCentralAccount() {
    Map<String, String> roleRegion = Map.of("AWS::Region", member.defaultOf("RoleRegion"));

    assertThat(member.holds("MakesRole", roleRegion)).isTrue();
    assertThat(member.holds("MakesRole", Map.of("AWS::Region", "eu-west-1"))).isFalse();
    assertThat(
            member.holds(
                "MakesRole",
                Map.of("AWS::Region", member.defaultOf("RoleRegion"), "CreateMemberRole", "false")))
        .isFalse();
  }

  @Test
  void theCentralStack_admitsMemberEventsOnlyWhenItServesOtherAccounts() {
    JsonNode accounts = central.resource("AccountsBusPolicy");
    JsonNode organization = central.resource("OrganizationBusPolicy");

    assertThat(accounts.path("Condition").asText()).isEqualTo("ListedAccounts");
    assertThat(organization.path("Condition").asText()).isEqualTo("WholeOrganization");
    assertThat(central.holds("ListedAccounts", Map.of())).isFalse();
    assertThat(central.holds("ListedAccounts", Map.of("MemberAccounts", "222222222222"))).isTrue();
    assertThat(central.holds("ListedAccounts", Map.of("MemberAccounts", "organization"))).isFalse();
    assertThat(central.holds("WholeOrganization", Map.of("MemberAccounts", "organization")))
        .isTrue();
    assertThat(
            organization
                .path("Properties")
                .path("Statement")
                .path("Condition")
                .path("StringEquals")
                .path("aws:PrincipalOrgID")
                .path("Ref")
                .asText())
        .isEqualTo("OrganizationId");
    JsonNode assume = central.conditionalStatement("ServesOtherAccounts", "AssumeMemberRoles");
    assertThat(assume.path("Resource").toString()).contains(":role/${MemberRoleName}");
  }

  @Test
  void theCentralFunction_isToldWhatTheStackServes() {
    JsonNode variables = central.function().path("Environment").path("Variables");

    assertThat(variables.path("DDNS_ACCOUNTS").path("Ref").asText()).isEqualTo("MemberAccounts");
    assertThat(variables.path("DDNS_REGIONS").path("Ref").asText()).isEqualTo("MemberRegions");
    assertThat(variables.path("DDNS_MEMBER_ROLE_NAME").path("Ref").asText())
        .isEqualTo("MemberRoleName");
    assertThat(variables.path("DDNS_MEMBER_EXTERNAL_ID").path("Ref").asText())
        .isEqualTo("MemberExternalId");
  }
}
