package ddns.registry;

import ddns.facts.InstanceId;
import ddns.failure.ServiceFailure;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numbers instances hold in their Auto Scaling group ({@code {index}}, docs/behaviour.md,
 * "Names"), kept in the registry table. A number is claimed with a conditional write, so two
 * invocations never give one number to two instances; one whose holder is no longer in the group is
 * free again, so the next launch takes the number a terminated instance left. Failures after the
 * SDK's retries are thrown as {@link ServiceFailure}.
 */
public interface GroupNumbers {

  /**
   * Each instance's number in the group: the one it holds, else the lowest free one, in the order
   * given (the earliest launched first, so the same batch always numbers alike).
   *
   * @param group the group, named as the tool names it in its workplace ({@code
   *     ACCOUNT/REGION/name} for another workplace)
   * @param members the instances in the group now (their EC2 ids): a number held by any other
   *     instance is free
   * @param claim write the claims (false: a dry run, nothing is written)
   */
  Map<InstanceId, Integer> assign(
      String group, List<InstanceId> instances, Set<String> members, boolean claim);
}
