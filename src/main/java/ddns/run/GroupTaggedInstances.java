package ddns.run;

import ddns.facts.GroupTags;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceSource;
import ddns.facts.VpcFacts;
import ddns.facts.Workplace;
import ddns.plan.GroupNames;
import ddns.plan.PlanningRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link InstanceSource} whose instances carry their Auto Scaling group's tags ({@link
 * GroupNames}), so every job (events, reconcile, plan) plans from the same names: one {@code
 * DescribeTags} per workplace for the groups of the instances read, none when no instance belongs
 * to a group.
 */
final class GroupTaggedInstances implements InstanceSource {
  private final InstanceSource ec2;
  private final GroupTags groups;
  private final PlanningRules rules;

  GroupTaggedInstances(InstanceSource ec2, GroupTags groups, PlanningRules rules) {
    this.ec2 = ec2;
    this.groups = groups;
    this.rules = rules;
  }

  @Override
  public Map<InstanceId, InstanceFacts> describe(Collection<InstanceId> instanceIds) {
    Map<InstanceId, InstanceFacts> found = ec2.describe(instanceIds);
    Map<InstanceId, InstanceFacts> tagged = new LinkedHashMap<>();
    applied(List.copyOf(found.values())).forEach(f -> tagged.put(f.instanceId(), f));
    return tagged;
  }

  @Override
  public List<InstanceFacts> running(Workplace where) {
    return applied(ec2.running(where));
  }

  @Override
  public VpcFacts vpc(String vpcId) {
    return ec2.vpc(vpcId);
  }

  @Override
  public boolean dnsSupport(String vpcId) {
    return ec2.dnsSupport(vpcId);
  }

  private List<InstanceFacts> applied(List<InstanceFacts> facts) {
    Map<Optional<Workplace>, Set<String>> wanted = new LinkedHashMap<>();
    for (InstanceFacts f : facts) {
      GroupNames.groupOf(f)
          .ifPresent(
              g -> wanted.computeIfAbsent(f.instanceId().workplace(), w -> new TreeSet<>()).add(g));
    }
    Map<Optional<Workplace>, Map<String, Map<String, String>>> tags = new LinkedHashMap<>();
    wanted.forEach((where, names) -> tags.put(where, groups.of(where, names)));
    List<InstanceFacts> out = new ArrayList<>(facts.size());
    for (InstanceFacts f : facts) {
      Map<String, String> groupTags =
          GroupNames.groupOf(f)
              .map(
                  g ->
                      tags.getOrDefault(f.instanceId().workplace(), Map.of())
                          .getOrDefault(g, Map.of()))
              .orElse(new TreeMap<>());
      out.add(GroupNames.applied(f, groupTags, rules));
    }
    return out;
  }
}
