package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ddns.faults.Fault;
import ddns.faults.Rules;
import ddns.run.Summary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Right after a launch, DescribeInstances may not list the instance yet (EC2 is eventually
 * consistent). Its running event is retried until EC2 shows it, and then it gets its records.
 */
class LaunchVisibilityTest extends FaultTestBase {

  @Test
  void aRunningEventBeforeEc2ShowsTheInstance_isRetried_andTheInstanceGetsItsRecords()
      throws Exception {
    Fleet fleet = fleet(1, Map.of());
    String id = fleet.ids().get(0);
    ObjectNode event = (ObjectNode) new ObjectMapper().readTree(Events.stateChange(id, "running"));
    event.put("time", Instant.now().toString());
    proxy.add(Rules.first(2, Rules.operation("DescribeInstances"), Fault.noInstancesYet()));

    List<Summary> rounds = deliver(List.of(event.toString()));

    assertThat(rounds.get(0).failedMessageIds())
        .as("the first delivery fails, so the message comes back")
        .containsExactly("msg-0");
    assertThat(rounds.get(0).instances().get(0).error()).contains("does not show it yet");
    check(fleet);
    assertThat(world.records(fleet.zone())).hasSize(1);
  }
}
