package ddns.registry;

import ddns.facts.InstanceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One instance's wish for a record set: its launch time decides who wins a shared name; its VPC
 * (absent in claims written before it was recorded) keeps an {@code ip-…} name within one VPC.
 */
public record Claimant(
    InstanceId instanceId,
    Instant launchTime,
    long ttl,
    List<String> values,
    Optional<String> vpc) {

  public Claimant {
    Objects.requireNonNull(instanceId, "instanceId == null");
    Objects.requireNonNull(launchTime, "launchTime == null");
    Objects.requireNonNull(vpc, "vpc == null");
    values = values.stream().sorted().distinct().toList();
  }

  /** A claimant whose VPC is not known. */
  public Claimant(InstanceId instanceId, Instant launchTime, long ttl, List<String> values) {
    this(instanceId, launchTime, ttl, values, Optional.empty());
  }

  /** Most recently launched first; the instance id breaks ties so the order is total. */
  public boolean outranks(Claimant other) {
    int c = launchTime.compareTo(other.launchTime);
    return c != 0 ? c > 0 : instanceId.compareTo(other.instanceId) > 0;
  }
}
