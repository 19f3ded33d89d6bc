package ddns.aws.ec2;

import ddns.facts.VpcFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * VPC settings (the DHCP option set's domain names, DNS support), kept for {@code DDNS_CACHE_TTL}
 * between the invocations of a warm container: they change rarely, and reading them per event cost
 * three EC2 calls per VPC. A change shows once its entry expires. Safe to share between threads.
 */
public final class VpcCache {
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Entry<VpcFacts>> domains = new HashMap<>();
  private final Map<String, Entry<Boolean>> dnsSupport = new HashMap<>();

  /**
   * @param ttl how long a read is used; zero: every read goes to EC2
   */
  public VpcCache(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Keeps nothing: every read goes to EC2. */
  public static VpcCache none() {
    return new VpcCache(Clock.systemUTC(), Duration.ZERO);
  }

  /** The VPC's DHCP domain names as kept, or read now by {@code read}. */
  synchronized VpcFacts vpc(String vpcId, Supplier<VpcFacts> read) {
    return kept(domains, vpcId, read);
  }

  /** The VPC's DNS support as kept, or read now by {@code read}. */
  synchronized boolean dnsSupport(String vpcId, Supplier<Boolean> read) {
    return kept(dnsSupport, vpcId, read);
  }

  private <T> T kept(Map<String, Entry<T>> entries, String vpcId, Supplier<T> read) {
    Entry<T> entry = entries.get(vpcId);
    if (entry == null || !clock.instant().isBefore(entry.until())) {
      entry = new Entry<>(read.get(), clock.instant().plus(ttl));
      entries.put(vpcId, entry);
    }
    return entry.value();
  }

  private record Entry<T>(T value, Instant until) {}
}
