package ddns.model;

import java.util.Objects;

/**
 * A Route 53 hosted zone. {@code id} is the bare id ({@code Z123…}), without {@code /hostedzone/}.
 * {@code recordSetCount} is as listed (possibly a little stale); it only sizes read strategies.
 */
public record HostedZone(String id, DnsName name, boolean privateZone, long recordSetCount) {

  public HostedZone(String id, DnsName name, boolean privateZone) {
    this(id, name, privateZone, 0);
  }

  public HostedZone {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    id = bareId(id);
  }

  /** {@code /hostedzone/Z123 -> Z123}; a bare id is returned as it is. */
  public static String bareId(String id) {
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }
}
