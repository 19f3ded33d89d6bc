package ddns.plan;

import ddns.dns.DnsName;
import ddns.dns.InvalidNameException;
import ddns.dns.Quoted;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a name from an instance's tag, or says in one message why it cannot: two keys that differ
 * only in case, a value that is no valid host name, or a name in the tool's own name space.
 */
final class TagNames {
  private static final DnsName IN_ADDR_ARPA = DnsName.parse("in-addr.arpa");
  private static final DnsName IP6_ARPA = DnsName.parse("ip6.arpa");

  /** The first label EC2 gives private DNS names: {@code ip-} and the dashed IPv4 address. */
  private static final Pattern EC2_HOST_LABEL = Pattern.compile("ip-\\d{1,3}(-\\d{1,3}){3}");

  /**
   * The first label of EC2's resource-based host names: the instance's own id ({@code
   * i-0123456789abcdef0.ec2.internal}).
   */
  private static final Pattern EC2_RESOURCE_LABEL = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");

  private TagNames() {}

  /** The name's first label is one EC2 gives host names ({@code ip-10-0-1-23}). */
  static boolean isEc2HostName(DnsName name) {
    return EC2_HOST_LABEL.matcher(name.firstLabel()).matches();
  }

  /**
   * @param alias the name is for an alias (CNAME), which must also stay out of the host names the
   *     tool writes
   * @param self the instance's own id as EC2 writes it, which its own names may use
   * @param refused told why, once, when there is a tag but no usable name
   */
  static Optional<DnsName> read(
      Map<String, String> tags, String key, boolean alias, String self, Consumer<String> refused) {
    Map<String, String> found = PlanningRules.tags(tags, key);
    if (found.size() > 1) {
      refused.accept(
          "tags "
              + found.keySet().stream().map(Quoted::of).collect(Collectors.joining(" and "))
              + " differ only in case, so which one counts is unclear; neither is used");
      return Optional.empty();
    }
    Optional<String> value = found.values().stream().findFirst();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    DnsName name;
    try {
      name = DnsName.parse(value.get());
    } catch (InvalidNameException e) {
      refused.accept(key + " tag: " + e.getMessage());
      return Optional.empty();
    }
    Optional<String> own = ownName(name, alias, self);
    own.ifPresent(why -> refused.accept(key + " tag " + name + " " + why));
    return own.isPresent() ? Optional.empty() : Optional.of(name);
  }

  /**
   * Names the tool writes by itself are not for tags: reverse names (pointers are the tool's), and,
   * for an alias, EC2-style host names: {@code ip-10-0-1-23…}, which the instance that later gets
   * that address needs for its A record, and another instance's id ({@code i-0aaa…}, EC2's
   * resource-based names), which that instance needs when it starts.
   *
   * @param self the instance's own id, which its names may use
   */
  static Optional<String> ownName(DnsName name, boolean alias, String self) {
    if (name.isWithin(IN_ADDR_ARPA) || name.isWithin(IP6_ARPA)) {
      return Optional.of(
          "is a reverse name; reverse zones hold only the pointers route53-ddns writes");
    }
    if (alias && EC2_HOST_LABEL.matcher(name.firstLabel()).matches()) {
      return Optional.of(
          "is in the name space route53-ddns writes host names in (ip-…), kept for the instance"
              + " that has that address");
    }
    if (alias
        && EC2_RESOURCE_LABEL.matcher(name.firstLabel()).matches()
        && !name.firstLabel().equals(self)) {
      return Optional.of(
          "is in the name space route53-ddns writes resource-based host names in (i-…), kept for"
              + " another instance, "
              + name.firstLabel());
    }
    return Optional.empty();
  }
}
