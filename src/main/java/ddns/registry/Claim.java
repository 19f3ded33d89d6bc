package ddns.registry;

import ddns.dns.DnsName;
import ddns.dns.RecordKey;
import ddns.facts.InstanceId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's record of who wants one record set. A record set with a claim is this tool's; one
 * without is not, whatever its content. {@code version} counts writes, for conditional updates (0:
 * not stored yet).
 */
public record Claim(
    RecordKey key, DnsName zoneName, long version, Map<InstanceId, Claimant> claimants) {

  public Claim {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(zoneName, "zoneName == null");
    claimants = Collections.unmodifiableMap(new TreeMap<>(claimants));
  }

  public static Claim unclaimed(RecordKey key, DnsName zoneName) {
    return new Claim(key, zoneName, 0, Map.of());
  }

  /** The claimant whose content the record set should carry: the most recently launched. */
  public Optional<Claimant> winner() {
    Claimant best = null;
    for (Claimant c : claimants.values()) {
      if (best == null || c.outranks(best)) {
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  public boolean isClaimed() {
    return !claimants.isEmpty();
  }
}
