package ddns.aws.autoscaling;

import ddns.aws.AwsCall;
import ddns.facts.GroupTags;
import ddns.facts.Workplace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

/**
 * {@link GroupTags} through Auto Scaling's {@code DescribeTags}, filtered by group name (all
 * pages), in the workplace's own account and region (another account's through its member role).
 */
public final class AutoScalingGroupTags implements GroupTags {
  /** Auto Scaling takes at most this many values in one filter. */
  private static final int FILTER_VALUES = 1000;

  private final Function<Workplace, AutoScalingClient> autoScaling;
  private final Supplier<Workplace> home;

  public AutoScalingGroupTags(
      Function<Workplace, AutoScalingClient> autoScaling, Supplier<Workplace> home) {
    this.autoScaling = autoScaling;
    this.home = home;
  }

  @Override
  public Set<String> members(Optional<Workplace> where, String group) {
    AutoScalingClient client = autoScaling.apply(where.orElseGet(home));
    return AwsCall.run(
        "AutoScaling.DescribeAutoScalingGroups",
        () ->
            client
                .describeAutoScalingGroups(r -> r.autoScalingGroupNames(group))
                .autoScalingGroups()
                .stream()
                .flatMap(g -> g.instances().stream())
                .filter(i -> !String.valueOf(i.lifecycleStateAsString()).startsWith("Terminat"))
                .map(i -> i.instanceId())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
  }

  @Override
  public Map<String, Map<String, String>> of(Optional<Workplace> where, Set<String> groups) {
    Map<String, Map<String, String>> tags = new TreeMap<>();
    if (groups.isEmpty()) {
      return tags;
    }
    AutoScalingClient client = autoScaling.apply(where.orElseGet(home));
    List<String> names = new ArrayList<>(groups);
    for (int from = 0; from < names.size(); from += FILTER_VALUES) {
      List<String> some = names.subList(from, Math.min(names.size(), from + FILTER_VALUES));
      List<TagDescription> found =
          AwsCall.run(
              "AutoScaling.DescribeTags",
              () ->
                  client
                      .describeTagsPaginator(
                          r -> r.filters(f -> f.name("auto-scaling-group").values(some)))
                      .tags()
                      .stream()
                      .toList());
      for (TagDescription t : found) {
        tags.computeIfAbsent(t.resourceId(), g -> new TreeMap<>()).put(t.key(), t.value());
      }
    }
    return tags;
  }
}
