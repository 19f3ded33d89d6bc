package ddns.fakes;

import ddns.facts.GroupTags;
import ddns.facts.InstanceId;
import ddns.facts.Workplace;
import ddns.registry.GroupNumbers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** No Auto Scaling groups: none has tags or members, and no number is ever asked for. */
public final class NoGroups implements GroupTags, GroupNumbers {
  @Override
  public Map<String, Map<String, String>> of(Optional<Workplace> where, Set<String> groups) {
    return Map.of();
  }

  @Override
  public Set<String> members(Optional<Workplace> where, String group) {
    return Set.of();
  }

  @Override
  public Map<InstanceId, Integer> assign(
      String group, List<InstanceId> instances, Set<String> members, boolean claim) {
    throw new AssertionError("no instance is in a group here: " + group);
  }
}
