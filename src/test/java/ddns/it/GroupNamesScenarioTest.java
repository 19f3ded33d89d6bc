package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.RecordType;
import ddns.run.Summary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An Auto Scaling group's tags name its instances (docs/behaviour.md, "Names"), propagated to them
 * or not: the group made in the emulator, its tags read with {@code DescribeTags}.
 */
class GroupNamesScenarioTest extends EmulatorTest {

  @Test
  void theGroupsPoolAndHostNamePattern_applyToItsInstances_withoutPropagation() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    List<String> ids =
        world.group(net, "web", 2, Map.of("POOL", "web", "HOSTNAME", "web-{ip}"), Map.of());
    assertThat(world.describe(ids.get(0)).tags())
        .as("not propagated")
        .noneMatch(t -> t.key().equals("POOL"));

    Summary summary =
        handle(Events.sqsBatch(ids.stream().map(id -> Events.stateChange(id, "running")).toList()));

    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(summary.apiCalls()).containsEntry("AutoScaling.DescribeTags", 1);
    List<String> addresses = ids.stream().map(this::privateIp).sorted().toList();
    assertThat(world.records(zone))
        .contains(record("web.corp.internal", RecordType.A, addresses.toArray(String[]::new)));
    for (String id : ids) {
      String name = "web-" + privateIp(id).replace('.', '-') + ".corp.internal";
      assertThat(world.records(zone)).contains(record(name, RecordType.A, privateIp(id)));
    }
  }

  @Test
  void aPropagatedHostNamePattern_isRenderedPerInstance_andTheInstancesOwnTagsWin() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    List<String> ids =
        world.group(net, "api", 1, Map.of("POOL", "api"), Map.of("HOSTNAME", "api-{ip}"));
    String own = world.launch(net, Map.of("POOL", "own"), false);
    world.ec2.createTags(
        r ->
            r.resources(own)
                .tags(
                    t -> t.key("aws:autoscaling:groupName").value("api"),
                    t -> t.key("HOSTNAME").value("special")));

    handle(
        Events.sqsBatch(
            List.of(
                Events.stateChange(ids.get(0), "running"), Events.stateChange(own, "running"))));

    String name = "api-" + privateIp(ids.get(0)).replace('.', '-') + ".corp.internal";
    assertThat(world.records(zone)).contains(record(name, RecordType.A, privateIp(ids.get(0))));
    assertThat(world.records(zone))
        .contains(record("api.corp.internal", RecordType.A, privateIp(ids.get(0))))
        .contains(record("own.corp.internal", RecordType.A, privateIp(own)))
        .contains(record("special.corp.internal", RecordType.A, privateIp(own)));
  }

  @Test
  void instancesOfNoGroup_costNoAutoScalingCall() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of("POOL", "web"), false);

    Summary summary = running(id);

    assertThat(summary.apiCalls()).doesNotContainKey("AutoScaling.DescribeTags");
  }
}
