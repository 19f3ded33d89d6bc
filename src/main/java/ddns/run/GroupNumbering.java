package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.facts.GroupTags;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.InstanceState;
import ddns.facts.Workplace;
import ddns.failure.ServiceFailure;
import ddns.job.RunContext;
import ddns.log.JsonLog;
import ddns.plan.GroupNames;
import ddns.plan.PlanningRules;
import ddns.registry.GroupNumbers;
import ddns.run.Pipeline.Subject;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Before planning, each instance whose name asks for {@code {index}} gets its number in its Auto
 * Scaling group (docs/behaviour.md, "Names"): one {@code DescribeAutoScalingGroups} and one
 * registry read per group of the batch, the earliest launched first; a dry run claims nothing.
 */
final class GroupNumbering {
  private final GroupTags groups;
  private final GroupNumbers numbers;
  private final PlanningRules rules;
  private final JsonLog log;

  GroupNumbering(GroupTags groups, GroupNumbers numbers, PlanningRules rules, JsonLog log) {
    this.groups = groups;
    this.numbers = numbers;
    this.rules = rules;
    this.log = log;
  }

  /** The subjects, numbered; and why an instance could not be (it fails, to be tried again). */
  record Numbered(List<Subject> subjects, Map<InstanceId, String> failures) {}

  private record GroupOf(Optional<Workplace> where, String name) {
    String key() {
      return where.map(w -> w.qualify(name)).orElse(name);
    }
  }

  Numbered assign(List<Subject> subjects, RunContext context) {
    Map<GroupOf, List<InstanceFacts>> wanting = new LinkedHashMap<>();
    for (Subject s : subjects) {
      s.facts()
          .filter(f -> f.state() == InstanceState.RUNNING || f.state() == InstanceState.PENDING)
          .filter(f -> GroupNames.wantsNumber(f, rules))
          .ifPresent(
              f ->
                  GroupNames.groupOf(f)
                      .ifPresent(
                          g ->
                              wanting
                                  .computeIfAbsent(
                                      new GroupOf(f.instanceId().workplace(), g),
                                      k -> new java.util.ArrayList<>())
                                  .add(f)));
    }
    if (wanting.isEmpty()) {
      return new Numbered(subjects, Map.of());
    }
    Map<InstanceId, Integer> assigned = new LinkedHashMap<>();
    Map<InstanceId, String> failures = new LinkedHashMap<>();
    wanting.forEach(
        (group, facts) -> {
          List<InstanceId> ids =
              facts.stream()
                  .sorted(
                      Comparator.comparing(InstanceFacts::launchTime)
                          .thenComparing(InstanceFacts::instanceId))
                  .map(InstanceFacts::instanceId)
                  .toList();
          try {
            Set<String> members = groups.members(group.where(), group.name());
            assigned.putAll(numbers.assign(group.key(), ids, members, !context.dryRun()));
          } catch (ServiceFailure e) {
            log.error(
                "no numbers in the group",
                field("group", group.key()),
                field("error", e.getMessage()));
            ids.forEach(id -> failures.put(id, e.getMessage()));
          }
        });
    List<Subject> numbered =
        subjects.stream()
            .map(
                s ->
                    assigned.containsKey(s.id())
                        ? new Subject(
                            s.id(),
                            s.trigger(),
                            s.facts()
                                .map(
                                    f ->
                                        GroupNames.withHostnameRendered(
                                            f.withGroupNumber(assigned.get(s.id())), rules)))
                        : s)
            .toList();
    return new Numbered(numbered, failures);
  }
}
