package ddns.it;

import ddns.run.Summary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * EventBridge duplicates and reorders events. Whatever order they arrive in, DNS ends matching each
 * instance's real final state, because every event is judged by EC2's current state.
 */
class EventOrderTest extends FaultTestBase {

  @Test
  void oneInstance_runningStoppedRunningTerminated_inEveryOrder_endsWithNoRecords() {
    List<String> states = List.of("running", "stopped", "running", "terminated");
    for (List<String> order : orders(states)) {
      freshStart();
      Fleet fleet = fleet(1, Map.of(0, "web.corp.internal"));
      String id = fleet.ids().get(0);
      world.stop(id);
      world.start(id);
      world.terminate(id);
      deliverInOrder(id, order);
      check(fleet);
    }
  }

  @Test
  void oneInstance_runningStoppedRunning_inEveryOrder_endsWithItsRecords() {
    for (List<String> order : orders(List.of("running", "stopped", "running", "running"))) {
      freshStart();
      Fleet fleet = fleet(1, Map.of(0, "web.corp.internal"));
      String id = fleet.ids().get(0);
      world.stop(id);
      world.start(id);
      deliverInOrder(id, order);
      check(fleet);
    }
  }

  @Test
  void sharedName_eventsOfBothClaimants_inEveryOrder_endWithTheSurvivor() {
    List<String> events = List.of("a:running", "b:running", "b:stopped", "b:terminated");
    for (List<String> order : orders(events)) {
      freshStart();
      Fleet fleet = fleet(2, Map.of(0, "web.corp.internal", 1, "web.corp.internal"));
      String a = fleet.ids().get(0);
      String b = fleet.ids().get(1);
      world.terminate(b);
      for (String event : order) {
        String[] parts = event.split(":");
        Summary summary = handle(Events.stateChange(parts[0].equals("a") ? a : b, parts[1]));
        Assertions.assertThat(summary.failedMessageIds()).isEmpty();
        Reliability.add("events delivered out of order", 1);
      }
      check(fleet);
    }
  }

  private void deliverInOrder(String id, List<String> order) {
    for (String state : order) {
      Summary summary = handle(Events.stateChange(id, state));
      Assertions.assertThat(summary.failedMessageIds()).isEmpty();
      Reliability.add("events delivered out of order", 1);
    }
  }

  /** Every distinct order of the items (duplicates give fewer orders). */
  static List<List<String>> orders(List<String> items) {
    Set<List<String>> result = new LinkedHashSet<>();
    permute(new ArrayList<>(items), 0, result);
    return List.copyOf(result);
  }

  private static void permute(List<String> items, int from, Set<List<String>> into) {
    if (from == items.size()) {
      into.add(List.copyOf(items));
      return;
    }
    for (int i = from; i < items.size(); i++) {
      java.util.Collections.swap(items, from, i);
      permute(items, from + 1, into);
      java.util.Collections.swap(items, from, i);
    }
  }
}
