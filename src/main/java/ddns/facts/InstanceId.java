package ddns.facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An EC2 instance id: {@code i-} and 8 or 17 lower-case hexadecimal digits, qualified {@code
 * ACCOUNT/REGION/i-…} when the instance runs in another workplace than the tool's own ({@link
 * Workplace}).
 */
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

  /** The instance {@code ec2Id} of {@code where}, as the tool whose own workplace is home says. */
  public static InstanceId in(Workplace where, String ec2Id, Workplace home) {
    return new InstanceId(where.qualify(ec2Id, home));
  }

  /** An id as EC2 writes it, {@code i-…}, with no workplace: what an event may name. */
  public static boolean isEc2Id(String text) {
    return text != null && FORM.matcher(text).matches();
  }

  public static boolean isValid(String text) {
    return text != null && FORM.matcher(Workplace.split(text).id()).matches();
  }

  /**
   * The ids grouped by the workplace they name (absent: the tool's own), each group in the order
   * given: one EC2 call serves a group.
   */
  public static Map<Optional<Workplace>, List<InstanceId>> byWorkplace(Collection<InstanceId> ids) {
    Map<Optional<Workplace>, List<InstanceId>> groups = new LinkedHashMap<>();
    ids.forEach(id -> groups.computeIfAbsent(id.workplace(), w -> new ArrayList<>()).add(id));
    return groups;
  }

  /** The id EC2 knows, {@code i-…}, without a workplace. */
  public String ec2Id() {
    return Workplace.split(value).id();
  }

  /** The workplace named in the id; absent for an instance of the tool's own. */
  public Optional<Workplace> workplace() {
    return Workplace.split(value).workplace();
  }

  /** The workplace the instance runs in, given the tool's own. */
  public Workplace workplaceIn(Workplace home) {
    return workplace().orElse(home);
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
