package ddns.plan;

import ddns.dns.DnsName;
import ddns.dns.InvalidNameException;
import ddns.dns.Quoted;
import ddns.facts.InstanceFacts;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fleet's naming rule ({@code DDNS_HOSTNAME_PATTERN}), such as {@code {tag:Name}} or {@code
 * {tag:Name}-{instance-id}}: the host name of an instance without a host-name tag
 * (docs/behaviour.md, "Names"). Placeholders: {@code {instance-id}}, {@code {tag:KEY}}, {@code
 * {az}} (the availability zone) and {@code {ip}} (the primary private IPv4 address, dashed). Each
 * value becomes host-name text: lower case, letters stripped of accents, every run of other
 * characters one hyphen, no hyphen at either end ({@code "Web Server #1"} becomes {@code
 * web-server-1}); each label of the result is cut to 63 characters. A pattern that gives no usable
 * name for an instance is that instance's alert, never a write.
 */
public final class HostnamePattern {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern LITERAL = Pattern.compile("[a-z0-9.-]*");
  private static final Pattern NOT_HOST_TEXT = Pattern.compile("[^a-z0-9]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  /** One piece of the pattern: literal text, or a placeholder. */
  private sealed interface Part {}

  private record Literal(String text) implements Part {}

  private record InstanceIdPart() implements Part {}

  private record Zone() implements Part {}

  private record Address() implements Part {}

  private record Tag(String key) implements Part {}

  /** The instance's number in its Auto Scaling group: the lowest free, kept while it is there. */
  private record Index() implements Part {}

  private final String text;
  private final List<Part> parts;

  private HostnamePattern(String text, List<Part> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
  }

  /**
   * @throws IllegalArgumentException saying what is wrong: an unknown placeholder, a brace left
   *     open, text no host name may hold, no placeholder at all
   */
  public static HostnamePattern parse(String text) {
    String pattern = text.strip();
    List<Part> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(pattern);
    int at = 0;
    while (m.find()) {
      literal(pattern.substring(at, m.start()), parts);
      parts.add(placeholder(m.group(1)));
      at = m.end();
    }
    literal(pattern.substring(at), parts);
    if (parts.stream().noneMatch(p -> !(p instanceof Literal))) {
      throw new IllegalArgumentException(
          "has no placeholder, so every instance would get the same name; use {instance-id},"
              + " {tag:KEY}, {az} or {ip}");
    }
    return new HostnamePattern(pattern, parts);
  }

  private static void literal(String raw, List<Part> parts) {
    String lower = raw.toLowerCase(Locale.ROOT);
    if (lower.contains("{") || lower.contains("}")) {
      throw new IllegalArgumentException("has a brace that opens or closes no placeholder");
    }
    if (!LITERAL.matcher(lower).matches()) {
      throw new IllegalArgumentException(
          "has " + Quoted.of(raw) + " outside placeholders; only letters, digits, '-' and '.' may");
    }
    if (!lower.isEmpty()) {
      parts.add(new Literal(lower));
    }
  }

  private static Part placeholder(String name) {
    if (name.startsWith("tag:") && !name.substring(4).isBlank()) {
      return new Tag(name.substring(4));
    }
    return switch (name) {
      case "instance-id" -> new InstanceIdPart();
      case "az" -> new Zone();
      case "ip" -> new Address();
      case "index" -> new Index();
      default ->
          throw new IllegalArgumentException(
              "has the unknown placeholder {"
                  + name
                  + "}; use {instance-id}, {tag:KEY}, {az}, {ip} or {index}");
    };
  }

  /** The name for one instance, or why there is none (without the pattern's own text). */
  public Result render(InstanceFacts facts) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      Optional<String> value =
          switch (part) {
            case Literal l -> Optional.of(l.text());
            case InstanceIdPart i -> Optional.of(facts.instanceId().ec2Id());
            case Index i -> facts.groupNumber().map(String::valueOf);
            case Zone z -> facts.availabilityZone();
            case Address a -> facts.privateIpv4().map(ip -> ip.replace('.', '-').replace(':', '-'));
            case Tag t -> PlanningRules.tags(facts.tags(), t.key()).values().stream().findFirst();
          };
      if (value.isEmpty()) {
        return Result.none(missing(part));
      }
      out.append(part instanceof Literal ? value.get() : hostText(value.get()));
    }
    List<String> labels = new ArrayList<>();
    for (String label : out.toString().split("\\.", -1)) {
      String cut = label.length() > 63 ? label.substring(0, 63) : label;
      labels.add(stripHyphens(cut));
    }
    if (labels.stream().anyMatch(String::isEmpty)) {
      return Result.none("gives " + Quoted.of(out.toString()) + ", which has an empty label");
    }
    try {
      return new Result(Optional.of(DnsName.parse(String.join(".", labels))), "");
    } catch (InvalidNameException e) {
      return Result.none("gives no valid name: " + e.getMessage());
    }
  }

  private static String missing(Part part) {
    return switch (part) {
      case Tag t -> "needs the tag " + Quoted.of(t.key()) + ", which the instance does not have";
      case Zone z -> "needs the availability zone, which EC2 did not report";
      case Address a -> "needs the private IPv4 address, which the instance does not have";
      case Index i -> "needs the instance's number in its Auto Scaling group, which it has not";
      default -> "needs a value the instance does not have";
    };
  }

  /** Any text as host-name text: {@code "Web Server #1"} becomes {@code web-server-1}. */
  static String hostText(String value) {
    String plain = MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFKD)).replaceAll("");
    String lower = plain.toLowerCase(Locale.ROOT);
    return stripHyphens(NOT_HOST_TEXT.matcher(lower).replaceAll("-"));
  }

  private static String stripHyphens(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '-') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '-') {
      end--;
    }
    return s.substring(start, end);
  }

  /** Whether the pattern numbers instances in their group ({@code {index}}). */
  public boolean numbers() {
    return parts.stream().anyMatch(p -> p instanceof Index);
  }

  /** The tag keys the pattern reads, as written in it. */
  public List<String> tagKeys() {
    return parts.stream().filter(p -> p instanceof Tag).map(p -> ((Tag) p).key()).toList();
  }

  /** The pattern as configured. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HostnamePattern p && p.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** A name, or why the pattern gave none. */
  public record Result(Optional<DnsName> name, String problem) {
    static Result none(String problem) {
      return new Result(Optional.empty(), problem);
    }
  }
}
