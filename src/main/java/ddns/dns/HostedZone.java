package ddns.dns;

import java.util.Objects;
import java.util.Optional;

/**
 * A Route 53 hosted zone. {@code recordSetCount} is as listed (possibly a little stale); it only
 * sizes read strategies. {@code createdForVpc} is the VPC this tool created the zone for (a reverse
 * zone), read from the zone's caller reference; empty for every zone it did not create.
 */
public record HostedZone(
    ZoneId id,
    DnsName name,
    boolean privateZone,
    long recordSetCount,
    Optional<String> createdForVpc) {

  /** How this tool's caller references begin; the VPC id follows. */
  public static final String CALLER_REFERENCE_PREFIX = "route53-ddns ";

  public HostedZone(ZoneId id, DnsName name, boolean privateZone) {
    this(id, name, privateZone, 0, Optional.empty());
  }

  public HostedZone {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(createdForVpc, "createdForVpc == null");
  }

  /** The VPC named by a caller reference of this tool's ({@code route53-ddns vpc-… name…}). */
  public static Optional<String> vpcOfCallerReference(String callerReference) {
    if (callerReference == null || !callerReference.startsWith(CALLER_REFERENCE_PREFIX)) {
      return Optional.empty();
    }
    String[] words = callerReference.substring(CALLER_REFERENCE_PREFIX.length()).split(" ");
    return words[0].startsWith("vpc-") ? Optional.of(words[0]) : Optional.empty();
  }
}
