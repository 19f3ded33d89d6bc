package ddns.failure;

import ddns.dns.DnsName;
import java.util.Set;

/**
 * Route 53 refused a change batch for its content ({@code InvalidChangeBatch} for another reason
 * than a zone changed since it was read): sent again as it is, it is refused again. {@link #names}
 * are the names its messages named (a CNAME beside another record names the name), when they did.
 */
public final class RefusedChangeException extends ServiceFailure {
  private static final long serialVersionUID = 1L;

  private final transient Set<DnsName> names;

  public RefusedChangeException(String message, Throwable cause) {
    this(message, cause, Set.of());
  }

  public RefusedChangeException(String message, Throwable cause, Set<DnsName> names) {
    super(message, cause);
    this.names = Set.copyOf(names);
  }

  /** The names the refusal named; empty when it named none. */
  public Set<DnsName> names() {
    return names;
  }
}
