package ddns.plan;

import ddns.dns.DesiredRecord;
import ddns.dns.DnsName;
import ddns.facts.InstanceId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one instance of a batch should end up with: {@code desired} records when it registers, none
 * when it deregisters. {@code launchTime} ranks it among claimants of a shared name; it is unused
 * for deregistration. {@code pointerTargets} are the names its pointers may name, best first (host
 * name, alias, A name): a pointer names the first whose records were not refused.
 */
public record Intent(
    InstanceId instanceId,
    boolean register,
    Instant launchTime,
    List<DesiredRecord> desired,
    Map<String, String> facts,
    List<DnsName> pointerTargets) {

  public Intent {
    Objects.requireNonNull(instanceId, "instanceId == null");
    Objects.requireNonNull(launchTime, "launchTime == null");
    desired = desired.stream().sorted().toList();
    facts = Map.copyOf(facts);
    pointerTargets = List.copyOf(pointerTargets);
    if (!register && !desired.isEmpty()) {
      throw new IllegalArgumentException("a deregistration wants no records: " + instanceId);
    }
  }

  public Intent(
      InstanceId instanceId,
      boolean register,
      Instant launchTime,
      List<DesiredRecord> desired,
      Map<String, String> facts) {
    this(instanceId, register, launchTime, desired, facts, List.of());
  }

  public static Intent deregister(InstanceId instanceId) {
    return new Intent(instanceId, false, Instant.EPOCH, List.of(), Map.of());
  }
}
