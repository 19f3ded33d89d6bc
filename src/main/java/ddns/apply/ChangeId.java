package ddns.apply;

import java.util.Objects;

/**
 * The id Route 53 gives an accepted change request ({@code C2682N5HXP0BZ4}, without the {@code
 * /change/} prefix), by which {@code GetChange} says whether every authoritative server has it.
 */
public record ChangeId(String value) implements Comparable<ChangeId> {
  public ChangeId {
    Objects.requireNonNull(value, "value == null");
    value = value.replaceFirst("^/?change/", "");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a change id is empty");
    }
  }

  @Override
  public int compareTo(ChangeId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
