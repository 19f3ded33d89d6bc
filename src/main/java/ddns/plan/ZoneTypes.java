package ddns.plan;

import ddns.dns.HostedZone;
import java.util.Locale;

/** Which kinds of hosted zone the tool writes to ({@code DDNS_ZONE_TYPES}). */
public enum ZoneTypes {
  PRIVATE,
  PUBLIC,
  BOTH;

  /**
   * @throws IllegalArgumentException naming the values allowed
   */
  public static ZoneTypes parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
    return switch (t) {
      case "private" -> PRIVATE;
      case "public" -> PUBLIC;
      case "both", "private,public", "public,private" -> BOTH;
      default ->
          throw new IllegalArgumentException(
              "must be private, public or both, was '" + text.strip() + "'");
    };
  }

  public boolean allows(HostedZone zone) {
    return this == BOTH || (this == PRIVATE) == zone.privateZone();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
