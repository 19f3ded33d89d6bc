package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.faults.Fault;
import ddns.faults.Rules;
import ddns.run.Summary;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two cold containers that both find no registry table (DDNS_CREATE_TABLE=true) both create it;
 * DynamoDB answers the second {@code ResourceInUseException}, which means the table is there. The
 * proxy plays the first container's part: the table exists, but the description came before it.
 */
class TableSetupRaceTest extends FaultTestBase {

  @Test
  void aTableAnotherContainerCreatedMeanwhile_isUsed_andTheEventSucceeds() {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String id = world.launch(net, Map.of(), false);
    world.registryTable("DDNS");
    proxy.add(
        Rules.first(1, Rules.operation("DescribeTable"), Fault.error("ResourceNotFoundException")));

    Summary summary = running(id);

    assertThat(summary.failedMessageIds()).isEmpty();
    assertThat(summary.exitStatus()).isZero();
    assertThat(world.records(zone)).hasSize(1);
  }
}
