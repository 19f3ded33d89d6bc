package ddns.dns;

import java.util.Locale;

/**
 * How instances that want the same record set share it (docs/behaviour.md, "Ownership"). Each
 * record set has one way, fixed by the rule that made it.
 */
public enum Sharing {
  /**
   * The most recently launched claimant's content: {@code ip-…} host records (an address moves to a
   * newer instance) and {@code CNAME} aliases (a shared alias follows the newest instance).
   */
  LATEST,
  /**
   * One instance's name: the instance that holds it keeps it, and a later one that asks for it is
   * refused ({@code NAME_TAKEN}) until the holder lets go. Names from the host-name tag or pattern.
   */
  FIRST,
  /** Every claimant's addresses together, in one multi-value record set: pools. */
  POOL;

  /** The name stored in the registry. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Sharing ofLabel(String label) {
    return label == null ? LATEST : valueOf(label.toUpperCase(Locale.ROOT));
  }
}
