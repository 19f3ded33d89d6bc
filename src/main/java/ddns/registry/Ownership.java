package ddns.registry;

import ddns.dns.DesiredRecord;
import ddns.facts.InstanceId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The registry's item for one instance: the record sets it asked for (exactly as written, so they
 * can be removed after the instance is gone or the configuration changed) and the facts they came
 * from. {@code version} counts writes, for conditional updates (0: not stored yet).
 */
public record Ownership(
    InstanceId instanceId,
    long version,
    Instant launchTime,
    List<DesiredRecord> records,
    Map<String, String> facts) {

  public Ownership {
    Objects.requireNonNull(instanceId, "instanceId == null");
    Objects.requireNonNull(launchTime, "launchTime == null");
    records = records.stream().sorted().distinct().toList();
    facts = Collections.unmodifiableMap(new TreeMap<>(facts));
  }
}
