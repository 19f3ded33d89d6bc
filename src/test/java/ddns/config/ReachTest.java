package ddns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ddns.facts.Workplace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DDNS_ACCOUNTS, DDNS_REGIONS, DDNS_MEMBER_ROLE_NAME and DDNS_MEMBER_EXTERNAL_ID. */
class ReachTest {
  private static final Workplace HOME = new Workplace("123456789012", "us-east-1");

  @Test
  void byDefault_onlyTheToolsOwnAccountAndRegionAreServed() {
    Reach reach = Config.fromEnvironment(Map.of()).reach();

    assertThat(reach.beyondOwn()).isFalse();
    assertThat(reach.memberRoleName()).isEqualTo("route53-ddns-member");
    assertThat(reach.externalId()).isEmpty();
  }

  @Test
  void readsAccountsRegionsRoleAndExternalId() {
    Reach reach =
        Config.fromEnvironment(
                Map.of(
                    "DDNS_ACCOUNTS", "222222222222, 333333333333 222222222222",
                    "DDNS_REGIONS", "eu-west-1,us-west-2",
                    "DDNS_MEMBER_ROLE_NAME", "dns-reader",
                    "DDNS_MEMBER_EXTERNAL_ID", "org-7f3a"))
            .reach();

    assertThat(reach.accounts()).containsExactly("222222222222", "333333333333");
    assertThat(reach.regions()).containsExactly("eu-west-1", "us-west-2");
    assertThat(reach.memberRoleName()).isEqualTo("dns-reader");
    assertThat(reach.externalId()).contains("org-7f3a");
    assertThat(Config.fromEnvironment(Map.of("DDNS_ACCOUNTS", "Organization")).reach())
        .satisfies(r -> assertThat(r.wholeOrganization()).isTrue());
  }

  @Test
  void workplaces_areTheAccountsTimesTheRegions_theToolsOwnFirst() {
    Reach reach =
        new Reach(List.of("222222222222"), false, List.of("eu-west-1"), "r", Optional.empty());

    assertThat(reach.workplaces(HOME, reach.accounts()))
        .containsExactly(
            HOME,
            new Workplace("123456789012", "eu-west-1"),
            new Workplace("222222222222", "us-east-1"),
            new Workplace("222222222222", "eu-west-1"));
  }

  @Test
  void anEventOfAnAccountOrRegionNotServed_isRefusedWithTheSettingToChange() {
    Reach reach =
        new Reach(List.of("222222222222"), false, List.of("eu-west-1"), "r", Optional.empty());

    assertThat(reach.refusal(new Workplace("222222222222", "eu-west-1"), HOME)).isEmpty();
    assertThat(reach.refusal(new Workplace("444444444444", "eu-west-1"), HOME))
        .hasValueSatisfying(why -> assertThat(why).contains("444444444444", "DDNS_ACCOUNTS"));
    assertThat(reach.refusal(new Workplace("222222222222", "ap-south-1"), HOME))
        .hasValueSatisfying(why -> assertThat(why).contains("ap-south-1", "DDNS_REGIONS"));
  }

  @Test
  void refusesWhatCannotBeAnAccountRegionRoleOrExternalId() {
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("DDNS_ACCOUNTS", "2222-3333")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DDNS_ACCOUNTS")
        .hasMessageContaining("'2222-3333'");
    assertThatThrownBy(
            () -> Config.fromEnvironment(Map.of("DDNS_ACCOUNTS", "organization 222222222222")))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("DDNS_REGIONS", "Frankfurt")))
        .hasMessageContaining("DDNS_REGIONS")
        .hasMessageContaining("'Frankfurt'");
    assertThatThrownBy(
            () -> Config.fromEnvironment(Map.of("DDNS_MEMBER_ROLE_NAME", "role/with/path")))
        .hasMessageContaining("DDNS_MEMBER_ROLE_NAME");
    assertThatThrownBy(() -> Config.fromEnvironment(Map.of("DDNS_MEMBER_EXTERNAL_ID", "x")))
        .hasMessageContaining("DDNS_MEMBER_EXTERNAL_ID");
  }
}
