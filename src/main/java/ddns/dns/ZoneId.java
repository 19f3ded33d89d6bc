package ddns.dns;

import java.util.Objects;

/**
 * A Route 53 hosted zone id, bare ({@code Z123…}): upper-case letters and digits. Route 53 also
 * writes it as {@code /hostedzone/Z123…}; {@link #of} accepts both.
 */
public record ZoneId(String value) implements Comparable<ZoneId> {
  private static final String PREFIX = "/hostedzone/";

  public ZoneId {
    Objects.requireNonNull(value, "value == null");
    if (value.isEmpty() || value.length() > 32 || !value.chars().allMatch(ZoneId::allowed)) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a hosted zone id (upper-case letters and digits)");
    }
  }

  /** Route 53's ids begin with Z; a planned zone's never does. */
  private static final String PLANNED = "PLANNED";

  /**
   * The stand-in id of a zone a dry run would create: the plan can place records in it, and nothing
   * is ever read from or sent to it.
   */
  public static ZoneId planned(int n) {
    return new ZoneId(PLANNED + n);
  }

  public boolean isPlanned() {
    return value.startsWith(PLANNED);
  }

  /** {@code /hostedzone/Z123} or {@code Z123}. */
  public static ZoneId of(String raw) {
    Objects.requireNonNull(raw, "raw == null");
    return new ZoneId(raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()) : raw);
  }

  private static boolean allowed(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  @Override
  public int compareTo(ZoneId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
