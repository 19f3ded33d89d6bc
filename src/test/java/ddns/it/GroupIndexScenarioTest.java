package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.app.Application;
import ddns.dns.RecordType;
import ddns.run.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Stable numbered names ({@code {index}}, docs/behaviour.md, "Names"): each instance of a group
 * gets the lowest number free in it, keeps it, and a number left by an instance that left the group
 * is the next launch's. Groups made in the emulator, scaled with its Auto Scaling API.
 */
class GroupIndexScenarioTest extends EmulatorTest {
  private String zone;
  private AwsWorld.Network net;

  private List<String> group(String name, int size) {
    net = world.network("10.20.0.0/16", "corp.internal", true);
    zone = world.privateZone("corp.internal", net.vpcId());
    return world.group(net, name, size, Map.of("HOSTNAME", name + "-{index}"), Map.of());
  }

  /** The group's instances now. */
  private List<String> members(String name) {
    return world
        .autoScaling
        .describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
        .autoScalingGroups()
        .get(0)
        .instances()
        .stream()
        .map(i -> i.instanceId())
        .toList();
  }

  /** Scales the group to {@code size}; the instances it launched. */
  private List<String> scaleTo(String name, int size) {
    List<String> before = members(name);
    world.autoScaling.setDesiredCapacity(r -> r.autoScalingGroupName(name).desiredCapacity(size));
    List<String> added = new ArrayList<>(members(name));
    added.removeAll(before);
    return added;
  }

  /** Host name to address, of the names {@code prefix-N}. */
  private Map<String, String> numbered(String prefix) {
    Map<String, String> names = new TreeMap<>();
    world.records(zone).stream()
        .filter(r -> r.type() == RecordType.A && r.name().value().startsWith(prefix + "-"))
        .forEach(r -> names.put(r.name().value(), r.values().get(0)));
    return names;
  }

  @Test
  void threeLaunchesGetOneTwoThree_andTheNumberATerminatedInstanceLeftIsTheNextLaunchs() {
    String first = group("web", 1).get(0);
    running(first);
    String second = scaleTo("web", 2).get(0);
    running(second);
    String third = scaleTo("web", 3).get(0);
    running(third);

    assertThat(numbered("web"))
        .containsEntry("web-1.corp.internal.", privateIp(first))
        .containsEntry("web-2.corp.internal.", privateIp(second))
        .containsEntry("web-3.corp.internal.", privateIp(third))
        .hasSize(3);

    world.autoScaling.terminateInstanceInAutoScalingGroup(
        r -> r.instanceId(second).shouldDecrementDesiredCapacity(true));
    handle(Events.stateChange(second, "terminated"));
    assertThat(numbered("web")).doesNotContainKey("web-2.corp.internal.");
    String fourth = scaleTo("web", 3).get(0);
    running(fourth);

    assertThat(numbered("web"))
        .containsEntry("web-1.corp.internal.", privateIp(first))
        .containsEntry("web-2.corp.internal.", privateIp(fourth))
        .containsEntry("web-3.corp.internal.", privateIp(third))
        .hasSize(3);

    running(first);
    assertThat(numbered("web"))
        .as("a number is kept")
        .containsEntry("web-1.corp.internal.", privateIp(first));
  }

  @Test
  void theHostNamePatternSetting_numbersTooInTheGroup_andOutsideAGroupGivesNoName() {
    env.put("DDNS_HOSTNAME_PATTERN", "node-{index}");
    net = world.network("10.20.0.0/16", "corp.internal", true);
    zone = world.privateZone("corp.internal", net.vpcId());
    String grouped = world.group(net, "node", 1, Map.of(), Map.of()).get(0);
    String alone = world.launch(net, Map.of(), false);

    Summary summary =
        handle(
            Events.sqsBatch(
                List.of(
                    Events.stateChange(grouped, "running"), Events.stateChange(alone, "running"))));

    assertThat(numbered("node"))
        .containsExactly(Map.entry("node-1.corp.internal.", privateIp(grouped)));
    assertThat(summary.instances())
        .filteredOn(i -> i.instanceId().equals(alone))
        .singleElement()
        .satisfies(i -> assertThat(i.alerts()).anyMatch(a -> a.kind().equals("NAME_UNUSABLE")));
  }

  @Test
  void twoLaunchesInOneBatch_neverShareANumber() {
    List<String> ids = group("api", 2);

    Summary summary =
        handle(Events.sqsBatch(ids.stream().map(id -> Events.stateChange(id, "running")).toList()));

    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(numbered("api").keySet())
        .containsExactly("api-1.corp.internal.", "api-2.corp.internal.");
    assertThat(numbered("api").values())
        .containsExactlyInAnyOrderElementsOf(ids.stream().map(this::privateIp).toList());
  }

  @Test
  void twoInvocationsAtOnce_neverGiveOneNumberTwice() throws Exception {
    List<String> ids = group("db", 2);
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Summary>> runs = new ArrayList<>();
    for (String id : ids) {
      Application app = freshApp();
      runs.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await();
                  return app.handle(app.decode(Events.stateChange(id, "running")));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                } finally {
                  app.close();
                }
              }));
    }
    start.countDown();
    for (CompletableFuture<Summary> run : runs) {
      assertThat(run.get().failedMessageIds()).isEmpty();
    }

    assertThat(numbered("db").keySet())
        .containsExactly("db-1.corp.internal.", "db-2.corp.internal.");
    assertThat(numbered("db").values()).doesNotHaveDuplicates();
  }
}
