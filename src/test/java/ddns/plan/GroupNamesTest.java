package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.config.Config;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupNamesTest {
  private static final PlanningRules RULES = Config.fromEnvironment(Map.of()).rules();

  private static InstanceFacts instance(Map<String, String> tags) {
    return InstanceFacts.builder(
            InstanceId.of("i-0123456789abcdef0"), InstanceState.RUNNING, Instant.EPOCH)
        .privateIp("10.20.1.4")
        .availabilityZone("us-east-1a")
        .tags(tags)
        .build();
  }

  @ParameterizedTest(name = "group {0}={1}, instance {2}={3}: {4}={5}")
  @CsvSource({
    "POOL,     web,           '',       '',       POOL,     web",
    "POOL,     web,           pool,     api,      pool,     api",
    "HOSTNAME, web-{ip},      '',       '',       HOSTNAME, web-10-20-1-4.",
    "HOSTNAME, 'web {nope}',  '',       '',       HOSTNAME, 'web {nope}'",
    "HOSTNAME, web-{ip},      HOSTNAME, db01,     HOSTNAME, db01",
    "'',       '',            HOSTNAME, x-{az},   HOSTNAME, x-us-east-1a.",
    "Owner,    ops,           '',       '',       Owner,    ",
  })
  void theGroupsTagsTheToolReads_applyWhereTheInstanceHasNone(
      String groupKey,
      String groupValue,
      String ownKey,
      String ownValue,
      String key,
      String expected) {
    Map<String, String> group = groupKey.isEmpty() ? Map.of() : Map.of(groupKey, groupValue);
    Map<String, String> own = ownKey.isEmpty() ? Map.of() : Map.of(ownKey, ownValue);

    InstanceFacts applied = GroupNames.applied(instance(own), group, RULES);

    assertThat(applied.tags().get(key)).isEqualTo(expected);
  }
}
