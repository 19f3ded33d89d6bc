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

  /**
   * How this tool's caller references begin: {@code route53-ddns#OWNER VPC NAME UNIQUE}, where
   * OWNER tells the installations in one account apart (older references have no {@code #OWNER}).
   */
  public static final String CALLER_REFERENCE_PREFIX = "route53-ddns";

  /** Route 53 takes caller references of at most 128 characters. */
  static final int MAX_CALLER_REFERENCE = 128;

  public HostedZone(ZoneId id, DnsName name, boolean privateZone) {
    this(id, name, privateZone, 0, Optional.empty());
  }

  public HostedZone {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(createdForVpc, "createdForVpc == null");
  }

  /**
   * The caller reference for a zone this installation ({@code owner}) creates for the VPC, as its
   * id is written ({@code vpc-…}, or {@code ACCOUNT/REGION/vpc-…}).
   */
  public static String callerReference(String owner, String vpcId, DnsName name, String unique) {
    String reference =
        CALLER_REFERENCE_PREFIX + "#" + owner + " " + vpcId + " " + name.value() + " " + unique;
    return reference.substring(0, Math.min(MAX_CALLER_REFERENCE, reference.length()));
  }

  /**
   * The VPC named by a caller reference of this installation's ({@code route53-ddns#OWNER vpc-…
   * name…}), or of an older one that did not name its installation; empty for any other zone,
   * another installation's included.
   */
  public static Optional<String> vpcOfCallerReference(String callerReference, String owner) {
    if (callerReference == null || !callerReference.startsWith(CALLER_REFERENCE_PREFIX)) {
      return Optional.empty();
    }
    String[] words = callerReference.split(" ");
    String tool = words[0];
    boolean ours =
        tool.equals(CALLER_REFERENCE_PREFIX) || tool.equals(CALLER_REFERENCE_PREFIX + "#" + owner);
    if (!ours || words.length < 2) {
      return Optional.empty();
    }
    String vpc = words[1];
    int slash = vpc.lastIndexOf('/');
    return vpc.substring(slash + 1).startsWith("vpc-") ? Optional.of(vpc) : Optional.empty();
  }
}
