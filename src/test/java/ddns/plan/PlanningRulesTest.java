package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ddns.config.Config;
import ddns.dns.DnsName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanningRulesTest {

  @Test
  void builder_startsFromTheSettingsDefaults() {
    assertThat(PlanningRules.builder().build())
        .isEqualTo(PlanningRules.defaults())
        .isEqualTo(Config.fromEnvironment(Map.of()).rules());
  }

  @Test
  void toBuilder_keepsEveryRule_andChangesOnlyWhatIsSet() {
    PlanningRules rules =
        PlanningRules.builder()
            .ttl(300)
            .zoneTagKey("dns:zone")
            .cnameTagKey("dns:alias")
            .allowedZones(Set.of(DnsName.parse("corp.internal")))
            .createReverseZones(false)
            .associateVpc(false)
            .associateZones(Set.of("ZREG"))
            .hostnameTagKey("DnsName")
            .poolTagKey("Service")
            .hostnamePattern(Optional.of(HostnamePattern.parse("{tag:Name}")))
            .allAddresses(true)
            .zoneTypes(ZoneTypes.PRIVATE)
            .allowedZoneIds(Set.of("ZCORP"))
            .build();

    PlanningRules changed = rules.toBuilder().ttl(60).build();

    assertThat(rules.toBuilder().build()).isEqualTo(rules);
    assertThat(changed.ttl()).isEqualTo(60);
    assertThat(changed.toBuilder().ttl(300).build()).isEqualTo(rules);
  }

  @Test
  void build_validatesAsTheRecordDoes() {
    assertThatThrownBy(() -> PlanningRules.builder().ttl(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ttl must be between 0 and 2147483647, was -1");
    assertThatThrownBy(() -> PlanningRules.builder().poolTagKey(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("poolTagKey == null");
  }
}
