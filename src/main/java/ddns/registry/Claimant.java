package ddns.registry;

import ddns.facts.InstanceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One instance's wish for a record set: its launch time decides who wins a shared name. */
public record Claimant(InstanceId instanceId, Instant launchTime, long ttl, List<String> values) {

  public Claimant {
    Objects.requireNonNull(instanceId, "instanceId == null");
    Objects.requireNonNull(launchTime, "launchTime == null");
    values = values.stream().sorted().distinct().toList();
  }

  /** Most recently launched first; the instance id breaks ties so the order is total. */
  public boolean outranks(Claimant other) {
    int c = launchTime.compareTo(other.launchTime);
    return c != 0 ? c > 0 : instanceId.compareTo(other.instanceId) > 0;
  }
}
