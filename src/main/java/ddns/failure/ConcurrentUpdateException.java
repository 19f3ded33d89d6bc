package ddns.failure;

import ddns.dns.DnsName;
import java.util.Set;

/**
 * A write found the state other than expected: a conditional registry write lost a race, or Route
 * 53 refused a change batch because a record set no longer held what the plan expected. Re-read and
 * re-plan. {@link #names} are the names Route 53 said it refused, when it said (empty otherwise,
 * and for the registry).
 */
public final class ConcurrentUpdateException extends ServiceFailure {
  private static final long serialVersionUID = 1L;

  private final transient Set<DnsName> names;

  public ConcurrentUpdateException(String message, Throwable cause) {
    this(message, cause, Set.of());
  }

  public ConcurrentUpdateException(String message, Throwable cause, Set<DnsName> names) {
    super(message, cause);
    this.names = Set.copyOf(names);
  }

  /** The names the refusal named; empty when it named none. */
  public Set<DnsName> names() {
    return names;
  }
}
