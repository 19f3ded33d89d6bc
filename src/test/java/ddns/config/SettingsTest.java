package ddns.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void table_namesEachDdnsVariableOnce() {
    assertThat(Settings.ALL)
        .extracting(Settings.Setting::name)
        .doesNotHaveDuplicates()
        .allMatch(name -> name.matches("DDNS_[A-Z0-9_]+"));
  }

  @Test
  void fallback_isTheTablesDefault() {
    assertThat(Settings.fallback("DDNS_TABLE")).isEqualTo("DDNS");
    assertThat(Settings.fallback("DDNS_HOSTNAME_PATTERN")).isEmpty();
  }

  @Test
  void fallback_refusesAVariableTheTableDoesNotList() {
    assertThatThrownBy(() -> Settings.fallback("DDNS_NOT_A_SETTING"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DDNS_NOT_A_SETTING is not in the settings table");
  }

  @Test
  void everyDefaultInTheTable_readsAsIfTheVariableWereUnset() {
    Map<String, String> spelledOut =
        Settings.ALL.stream()
            .filter(s -> !s.fallback().isEmpty())
            .collect(Collectors.toMap(Settings.Setting::name, s -> s.fallback()));

    assertThat(Config.fromEnvironment(spelledOut)).isEqualTo(Config.fromEnvironment(Map.of()));
  }
}
