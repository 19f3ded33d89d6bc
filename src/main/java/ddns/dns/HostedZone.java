package ddns.dns;

import java.util.Objects;

/**
 * A Route 53 hosted zone. {@code recordSetCount} is as listed (possibly a little stale); it only
 * sizes read strategies.
 */
public record HostedZone(ZoneId id, DnsName name, boolean privateZone, long recordSetCount) {

  public HostedZone(ZoneId id, DnsName name, boolean privateZone) {
    this(id, name, privateZone, 0);
  }

  public HostedZone {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
  }
}
