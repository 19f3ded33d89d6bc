package ddns.facts;

import ddns.failure.ServiceFailure;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads instances and VPCs from EC2, in the workplace each id names ({@link Workplace}). Read-only,
 * so every call is idempotent. Throttling and 5xx are retried inside; what still fails is thrown as
 * {@link ServiceFailure}.
 */
public interface InstanceSource {

  /** Current facts of the given instances; ids EC2 does not know are absent from the result. */
  Map<InstanceId, InstanceFacts> describe(Collection<InstanceId> instanceIds);

  /** Every running instance of the workplace, all pages, all VPCs. */
  List<InstanceFacts> running(Workplace where);

  /** The VPC's DNS attributes and its DHCP option set's domain names. */
  VpcFacts vpc(String vpcId);
}
