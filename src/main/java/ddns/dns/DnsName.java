package ddns.dns;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * A fully qualified DNS name, lower case, with a trailing dot.
 *
 * <p>{@link #parse} accepts the forms operators type into tags ({@code " Web.Corp.Internal "}, with
 * or without the trailing dot); the constructor takes the normalised form only. Both reject
 * everything Route 53 would refuse or that this tool must not write: wildcards, empty labels,
 * labels over 63 characters, names over 253 characters, non-ASCII text and characters outside
 * letters, digits and hyphens (RFC 1035 host names). This class checks those rules itself;
 * dnsjava's {@link Name} then parses the result, as a last check that it is a valid wire name.
 */
public record DnsName(String value) implements Comparable<DnsName> {

  /**
   * @throws InvalidNameException when {@code value} is not a valid, normalised name
   */
  public DnsName {
    Objects.requireNonNull(value, "value == null");
    if (!value.endsWith(".") || !value.equals(value.toLowerCase(Locale.ROOT))) {
      throw new InvalidNameException(
          Quoted.of(value)
              + " is not a normalised name (lower case, trailing dot; use DnsName.parse)");
    }
    check(value, value);
  }

  /**
   * Parses a user-supplied name.
   *
   * @throws InvalidNameException naming what is wrong with the input
   */
  public static DnsName parse(String raw) {
    if (raw == null) {
      throw new InvalidNameException("name is missing");
    }
    String text = raw.strip().toLowerCase(Locale.ROOT);
    if (text.isEmpty() || text.equals(".")) {
      throw new InvalidNameException("name is empty");
    }
    if (!text.endsWith(".")) {
      text = text + ".";
    }
    check(raw.strip(), text);
    return new DnsName(text);
  }

  /** {@code text} is lower case with a trailing dot; messages quote {@code raw}. */
  private static void check(String raw, String text) {
    if (text.equals(".")) {
      throw new InvalidNameException("name is empty");
    }
    if (!text.chars().allMatch(c -> c < 128)) {
      throw new InvalidNameException(
          Quoted.of(raw) + " is not ASCII; write internationalised names in their xn-- form");
    }
    if (text.startsWith(".") || text.contains("..")) {
      throw new InvalidNameException(Quoted.of(raw) + " has an empty label");
    }
    for (String label : text.substring(0, text.length() - 1).split("\\.")) {
      checkHostLabel(raw, label);
    }
    if (text.length() - 1 > 253) {
      throw new InvalidNameException(Quoted.of(raw) + " is longer than 253 characters");
    }
    try {
      Name.fromString(text);
    } catch (TextParseException e) {
      throw new InvalidNameException(
          Quoted.of(raw) + " is not a valid DNS name: " + e.getMessage());
    }
  }

  private static void checkHostLabel(String raw, String label) {
    if (label.equals("*")) {
      throw new InvalidNameException(Quoted.of(raw) + " is a wildcard; wildcards are not managed");
    }
    if (label.length() > 63) {
      throw new InvalidNameException(Quoted.of(raw) + " has a label longer than 63 characters");
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ldh = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ldh) {
        throw new InvalidNameException(
            Quoted.of(raw)
                + " has the character "
                + Quoted.of(String.valueOf(c))
                + "; host names use letters, digits and hyphens");
      }
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      throw new InvalidNameException(
          Quoted.of(raw) + " has a label that starts or ends with a hyphen");
    }
  }

  /** The labels from left to right, without the root. */
  public List<String> labels() {
    return List.of(value.substring(0, value.length() - 1).split("\\."));
  }

  public String firstLabel() {
    return labels().get(0);
  }

  /** This name is {@code zone} or lies below it. */
  public boolean isWithin(DnsName zone) {
    return value.equals(zone.value) || value.endsWith("." + zone.value);
  }

  /** A reverse name or zone: within {@code in-addr.arpa} or {@code ip6.arpa}. */
  public boolean isReverse() {
    return value.endsWith(".in-addr.arpa.")
        || value.equals("in-addr.arpa.")
        || value.endsWith(".ip6.arpa.")
        || value.equals("ip6.arpa.");
  }

  /** This name lies strictly below {@code zone}. */
  public boolean isStrictlyWithin(DnsName zone) {
    return !value.equals(zone.value) && isWithin(zone);
  }

  /** {@code label.this}; the label must be a valid host label. */
  public DnsName prepend(String label) {
    return parse(label + "." + value);
  }

  @Override
  public int compareTo(DnsName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
