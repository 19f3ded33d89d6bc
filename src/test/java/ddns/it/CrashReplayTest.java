package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.run.Summary;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The handler dies between two AWS calls, at every possible point, and the same event is delivered
 * again to a cold function: the end state must be exactly the crash-free one. With {@code
 * lastCallLands}, the call at the cut reaches AWS but its answer is lost (a timeout).
 */
class CrashReplayTest extends FaultTestBase {

  @ParameterizedTest(name = "last call lands: {0}")
  @ValueSource(booleans = {false, true})
  void registeringANewClaimantOfASharedName_survivesACrashAtEveryStep(boolean lastCallLands) {
    crashEverywhere(
        lastCallLands,
        setup -> {},
        fleet -> List.of(Events.stateChange(fleet.ids().get(1), "running")));
  }

  @ParameterizedTest(name = "last call lands: {0}")
  @ValueSource(booleans = {false, true})
  void deregisteringTheHolderOfASharedName_survivesACrashAtEveryStep(boolean lastCallLands) {
    crashEverywhere(
        lastCallLands,
        fleet -> {
          deliver(List.of(Events.stateChange(fleet.ids().get(1), "running")));
          world.stop(newest(fleet));
        },
        fleet -> List.of(Events.stateChange(newest(fleet), "stopped")));
  }

  /**
   * For every cut point k (0 .. the number of calls a clean run makes): a fresh account with two
   * instances sharing {@code web.corp.internal}, the first registered; {@code before} prepares; the
   * event crashes after k calls; a cold function gets it again; the end state is checked.
   */
  private void crashEverywhere(
      boolean lastCallLands,
      Consumer<Fleet> before,
      java.util.function.Function<Fleet, List<String>> event) {
    int cleanCalls = -1;
    for (int cut = 0; cleanCalls < 0 || cut <= cleanCalls; cut++) {
      freshStart();
      Fleet fleet = fleet(2, Map.of(0, "web.corp.internal", 1, "web.corp.internal"));
      deliver(List.of(Events.stateChange(fleet.ids().get(0), "running")));
      before.accept(fleet);
      restartApp();
      proxy.clearCalls();
      if (cleanCalls < 0) {
        Summary clean = handle(Events.sqsBatch(event.apply(fleet)));
        assertThat(clean.failedMessageIds()).isEmpty();
        cleanCalls = proxy.calls().size();
        check(fleet);
        cut = -1; // start the cuts from 0 on a fresh account
        continue;
      }
      proxy.crashAfter(cut, lastCallLands);
      handle(Events.sqsBatch(event.apply(fleet)));
      proxy.heal();
      restartApp();
      Summary replay = handle(Events.sqsBatch(event.apply(fleet)));
      replays++;
      assertThat(replay.failedMessageIds()).as("replay after a crash at call %d", cut).isEmpty();
      check(fleet);
      Reliability.add("crash points replayed", 1);
    }
  }

  private String newest(Fleet fleet) {
    return Converged.newer(world.describe(fleet.ids().get(0)), world.describe(fleet.ids().get(1)))
        .instanceId();
  }
}
