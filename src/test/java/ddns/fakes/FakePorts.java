package ddns.fakes;

import ddns.lifecycle.FollowUps;
import ddns.lifecycle.LifecycleActions;
import ddns.run.DdnsService;
import java.util.Optional;

/** The service's ports on the in-memory fakes: one EC2, one Route 53, one registry, one SNS. */
public final class FakePorts {
  private FakePorts() {}

  /**
   * @param topic the alert topic's ARN the tool's own (default) topic answers
   * @param queue the tool's own queue, or none (the command line)
   */
  public static DdnsService.Ports of(
      FakeInstances ec2,
      FakeDnsZones dns,
      FakeRegistry registry,
      FakeAlerts alerts,
      String topic,
      LifecycleActions actions,
      Optional<FollowUps> queue) {
    return new DdnsService.Ports(
        ec2,
        new NoGroups(),
        ec2,
        dns,
        dns,
        registry,
        registry,
        registry,
        new NoGroups(),
        alerts,
        FakeAlerts.topic(topic),
        actions,
        queue,
        FakeAlerts.noCalls());
  }
}
