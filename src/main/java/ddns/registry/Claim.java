package ddns.registry;

import ddns.dns.DnsName;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.Sharing;
import ddns.facts.InstanceId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registry's record of who wants one record set, and how they share it. A record set with a
 * claim is this tool's; one without is not, whatever its content. {@code version} counts writes,
 * for conditional updates (0: not stored yet).
 */
public record Claim(
    RecordKey key,
    DnsName zoneName,
    long version,
    Map<InstanceId, Claimant> claimants,
    Sharing sharing) {

  public Claim {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(zoneName, "zoneName == null");
    Objects.requireNonNull(sharing, "sharing == null");
    claimants = Collections.unmodifiableMap(new TreeMap<>(claimants));
  }

  public Claim(RecordKey key, DnsName zoneName, long version, Map<InstanceId, Claimant> claimants) {
    this(key, zoneName, version, claimants, Sharing.LATEST);
  }

  public static Claim unclaimed(RecordKey key, DnsName zoneName, Sharing sharing) {
    return new Claim(key, zoneName, 0, Map.of(), sharing);
  }

  public Claim withClaimants(long newVersion, Map<InstanceId, Claimant> newClaimants) {
    return new Claim(key, zoneName, newVersion, newClaimants, sharing);
  }

  /**
   * The claimant whose content the record set carries: the most recently launched ({@link
   * Sharing#LATEST}), or the one holding the name ({@link Sharing#FIRST}: the earliest launched, as
   * planning lets only one in). A pool has no single winner: the first in id order.
   */
  public Optional<Claimant> winner() {
    Claimant best = null;
    for (Claimant c : claimants.values()) {
      boolean better =
          switch (sharing) {
            case LATEST -> best == null || c.outranks(best);
            case FIRST -> best == null || best.outranks(c);
            case POOL -> best == null;
          };
      if (better) {
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * What the record set holds while it is claimed: the winner's values, or for a pool every
   * claimant's values together (sorted, each once) with the lowest TTL asked for.
   */
  public Optional<RecordSet> content() {
    if (sharing != Sharing.POOL) {
      return winner().map(w -> new RecordSet(key.name(), key.type(), w.ttl(), w.values()));
    }
    if (claimants.isEmpty()) {
      return Optional.empty();
    }
    TreeSet<String> values = new TreeSet<>();
    long ttl = Long.MAX_VALUE;
    for (Claimant c : claimants.values()) {
      values.addAll(c.values());
      ttl = Math.min(ttl, c.ttl());
    }
    return Optional.of(new RecordSet(key.name(), key.type(), ttl, List.copyOf(values)));
  }

  public boolean isClaimed() {
    return !claimants.isEmpty();
  }
}
