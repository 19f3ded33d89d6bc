package ddns.facts;

import java.util.Objects;
import java.util.regex.Pattern;

/** An EC2 instance id: {@code i-} and 8 or 17 lower-case hexadecimal digits. */
public record InstanceId(String value) implements Comparable<InstanceId> {
  private static final Pattern FORM = Pattern.compile("i-[0-9a-f]{8,17}");

  public InstanceId {
    Objects.requireNonNull(value, "value == null");
    if (!isValid(value)) {
      String shown = value.length() <= 40 ? value : value.substring(0, 40) + "…";
      throw new IllegalArgumentException("'" + shown + "' is not an instance id (i-…)");
    }
  }

  public static InstanceId of(String value) {
    return new InstanceId(value);
  }

  public static boolean isValid(String text) {
    return text != null && FORM.matcher(text).matches();
  }

  @Override
  public int compareTo(InstanceId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
