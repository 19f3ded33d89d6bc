package ddns.run;

import java.util.List;
import java.util.Map;

/**
 * What the tool would do for one instance now, and why (the {@code ddns plan} command): the facts
 * it works from, each record it should have with the rule that led to it, what it skipped, and the
 * changes that would bring DNS there.
 */
public record Explanation(
    String instanceId,
    String state,
    Map<String, String> facts,
    Map<String, String> tags,
    List<RecordReason> records,
    List<String> zoneActions,
    List<String> notes,
    List<Summary.AlertView> alerts,
    List<Summary.ChangeView> changes,
    String error) {

  /** One record the instance should have, and why. */
  public record RecordReason(
      String zone, String name, String type, List<String> values, String reason) {}
}
