package ddns.service;

import ddns.model.Alert;
import ddns.model.DesiredRecord;
import ddns.model.InstanceFacts;
import ddns.plan.InstancePlan;
import ddns.plan.PlannedChange;
import ddns.service.Summary.AlertView;
import ddns.service.Summary.ChangeView;
import ddns.service.Summary.InstanceOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One instance's progress through an invocation; becomes an {@link InstanceOutcome}. */
final class Work {
  static final String REGISTER = "register";
  static final String DEREGISTER = "deregister";
  static final String SKIP = "skip";

  final String instanceId;
  final Trigger trigger;
  Optional<InstanceFacts> facts = Optional.empty();
  String action = SKIP;
  String state = "unknown";
  InstancePlan plan;
  final List<PlannedChange> changes = new ArrayList<>();

  /** The records kept after the ownership checks; null until the batch was planned. */
  List<DesiredRecord> accepted;

  final List<String> zoneActions = new ArrayList<>();
  final List<Alert> alerts = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  private String error;

  Work(String instanceId, Trigger trigger) {
    this.instanceId = instanceId;
    this.trigger = trigger;
  }

  /** The changes of this instance, or alerts, or a failure: anything worth reporting. */
  boolean eventful() {
    return failed() || !changes.isEmpty() || !alerts.isEmpty() || !zoneActions.isEmpty();
  }

  void fail(String error) {
    if (this.error == null) {
      this.error = error;
    }
  }

  /** Forgets a failure, before the instance is tried again on its own (changes made stay). */
  void retry() {
    error = null;
  }

  boolean failed() {
    return error != null;
  }

  InstanceOutcome outcome() {
    List<ChangeView> views =
        changes.stream()
            .sorted()
            .map(
                c ->
                    new ChangeView(
                        c.zoneId(),
                        c.zoneName().value(),
                        c.action().name(),
                        c.set().name().value(),
                        c.set().type().name(),
                        c.set().ttl(),
                        c.set().values()))
            .toList();
    return new InstanceOutcome(
        instanceId,
        action,
        state,
        failed() ? InstanceOutcome.FAILED : InstanceOutcome.DONE,
        views,
        List.copyOf(zoneActions),
        alerts.stream().map(a -> new AlertView(a.kind().name(), a.message())).toList(),
        List.copyOf(notes),
        error);
  }

  /** The facts kept in the registry item, for operators and later runs. */
  static Map<String, String> registryFacts(InstanceFacts f) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("state", f.state().ec2Name());
    f.vpc().ifPresent(v -> facts.put("vpcId", v));
    f.privateIpv4().ifPresent(v -> facts.put("privateIp", v));
    f.privateDns().ifPresent(v -> facts.put("privateDnsName", v));
    f.publicIpv4().ifPresent(v -> facts.put("publicIp", v));
    f.publicDns().ifPresent(v -> facts.put("publicDnsName", v));
    if (!f.ipv6Addresses().isEmpty()) {
      facts.put("ipv6", String.join(" ", f.ipv6Addresses()));
    }
    return facts;
  }
}
