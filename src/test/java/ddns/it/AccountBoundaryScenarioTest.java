package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ddns.run.Summary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/behaviour.md, "Many accounts and regions": which account's events the tool takes. */
class AccountBoundaryScenarioTest extends EmulatorTest {

  @Test
  void servingItsOwnAccountOnly_anotherAccountsEvent_isRefusedAtOnce_namingDdnsAccounts()
      throws Exception {
    var net = world.network("10.20.0.0/16", "corp.internal", true);
    String zone = world.privateZone("corp.internal", net.vpcId());
    String own = world.launch(net, Map.of(), false);
    // A member account's instance, forwarded before the central stack serves that account: this
    // account's EC2 does not know it. Its event is fresh, so a launch not shown yet would be
    // retried.
    ObjectNode foreign =
        (ObjectNode)
            new ObjectMapper()
                .readTree(
                    Events.stateChangeIn(
                        "i-0fedcba9876543210", "running", "222222222222", "us-east-1"));
    foreign.put("time", Instant.now().toString());

    Summary summary =
        handle(Events.sqsBatch(List.of(foreign.toString(), Events.stateChange(own, "running"))));

    assertThat(summary.failedMessageIds()).containsExactly("msg-0");
    assertThat(summary.rejected())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.error())
                    .contains("222222222222", AwsWorld.ACCOUNT, "DDNS_ACCOUNTS")
                    .doesNotContain("DDNS_LAUNCH_GRACE_SECONDS"));
    assertThat(summary.instances())
        .extracting(Summary.InstanceOutcome::instanceId)
        .containsExactly(own);
    assertThat(world.records(zone)).hasSize(1);
  }
}
