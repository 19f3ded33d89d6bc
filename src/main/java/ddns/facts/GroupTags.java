package ddns.facts;

import ddns.failure.ServiceFailure;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Auto Scaling groups, in one workplace: their tags, propagated to their instances or not, and
 * their instances. Read-only; throttling and 5xx are retried inside; what still fails is thrown as
 * {@link ServiceFailure}.
 */
public interface GroupTags {
  /**
   * Each named group's tags (key to value); a group without tags, or unknown, is absent.
   *
   * @param where the workplace of the groups; empty: the tool's own
   */
  Map<String, Map<String, String>> of(Optional<Workplace> where, Set<String> groups);

  /**
   * The instances (EC2 ids) in the group now, those on their way out ({@code Terminating…})
   * excepted; empty for a group that is gone.
   */
  Set<String> members(Optional<Workplace> where, String group);
}
