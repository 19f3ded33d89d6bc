package ddns.plan;

import ddns.facts.InstanceFacts;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An Auto Scaling group's tags on its instances (docs/behaviour.md, "Names"): the tags the tool
 * reads ({@code ZONE}, {@code CNAME}, {@code HOSTNAME}, {@code POOL}, the pattern's) that are on
 * the group and not on the instance apply to the instance, propagated to it or not. A host-name tag
 * that holds placeholders ({@code web-{instance-id}}, {@code {tag:Name}.{az}}), on the group or
 * propagated from it, is a pattern, rendered for each instance as {@code DDNS_HOSTNAME_PATTERN} is.
 *
 * <table>
 *   <caption>Examples</caption>
 *   <tr><th>group</th><th>instance</th><th>the instance's tags as planned</th></tr>
 *   <tr><td>POOL=web</td><td>(none)</td><td>POOL=web</td></tr>
 *   <tr><td>POOL=web</td><td>POOL=api</td><td>POOL=api</td></tr>
 *   <tr><td>HOSTNAME=web-{instance-id}</td><td>(none)</td><td>HOSTNAME=web-i-0abc…</td></tr>
 *   <tr><td>Owner=ops</td><td>(none)</td><td>(none): not a tag the tool reads</td></tr>
 * </table>
 */
public final class GroupNames {
  /** The tag Auto Scaling puts on each instance of a group. */
  public static final String GROUP_TAG = "aws:autoscaling:groupName";

  private GroupNames() {}

  /** The group the instance belongs to, from the tag Auto Scaling puts on it. */
  public static Optional<String> groupOf(InstanceFacts facts) {
    return Optional.ofNullable(facts.tags().get(GROUP_TAG)).filter(g -> !g.isBlank());
  }

  /** The instance's facts with its group's tags applied, and a host-name pattern rendered. */
  public static InstanceFacts applied(
      InstanceFacts facts, Map<String, String> groupTags, PlanningRules rules) {
    Map<String, String> tags = new TreeMap<>(facts.tags());
    groupTags.forEach(
        (key, value) -> {
          if (rules.readsTag(key) && PlanningRules.tags(tags, key).isEmpty()) {
            tags.put(key, value);
          }
        });
    InstanceFacts merged = tags.equals(facts.tags()) ? facts : facts.withTags(tags);
    return withHostnameRendered(merged, rules);
  }

  /**
   * The facts with a host-name tag that holds placeholders rendered for the instance; unchanged
   * when it holds none, or gives no name yet (no number in its group, say).
   */
  public static InstanceFacts withHostnameRendered(InstanceFacts facts, PlanningRules rules) {
    Map<String, String> hostnames = PlanningRules.tags(facts.tags(), rules.hostnameTagKey());
    if (hostnames.size() != 1) {
      return facts;
    }
    Map.Entry<String, String> hostname = hostnames.entrySet().iterator().next();
    if (!hostname.getValue().contains("{")) {
      return facts;
    }
    Optional<String> name = rendered(hostname.getValue(), facts);
    if (name.isEmpty()) {
      return facts;
    }
    Map<String, String> tags = new TreeMap<>(facts.tags());
    tags.put(hostname.getKey(), name.get());
    return facts.withTags(tags);
  }

  /**
   * Whether the instance's name asks for its number in its group ({@code {index}}): its host-name
   * tag (its own or its group's), or the host-name pattern when it has none.
   */
  public static boolean wantsNumber(InstanceFacts facts, PlanningRules rules) {
    Map<String, String> hostnames = PlanningRules.tags(facts.tags(), rules.hostnameTagKey());
    if (hostnames.isEmpty()) {
      return rules.hostnamePattern().map(HostnamePattern::numbers).orElse(false);
    }
    return hostnames.size() == 1 && hostnames.values().iterator().next().contains("{index}");
  }

  /**
   * The pattern's name for the instance; empty when the text is no pattern or gives no name (the
   * tag then stays as written, and is refused as an invalid name, with its alert).
   */
  private static Optional<String> rendered(String text, InstanceFacts facts) {
    try {
      return HostnamePattern.parse(text).render(facts).name().map(n -> n.value());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
