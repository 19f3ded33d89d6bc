package ddns.service;

import ddns.model.InstanceFacts;
import ddns.model.VpcFacts;
import ddns.plan.Intent;
import ddns.plan.RecordRules;
import ddns.port.ServiceFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides each instance's action from EC2's current state (never from the event), plans the records
 * of the running ones, and applies the zone actions those records need first.
 */
final class InstancePlanning {
  private final CachedLookups lookups;
  private final RecordRules rules;
  private final ZoneActions zoneActions;

  InstancePlanning(CachedLookups lookups, RecordRules rules, ZoneActions zoneActions) {
    this.lookups = lookups;
    this.rules = rules;
    this.zoneActions = zoneActions;
  }

  /** Plans, creates missing reverse zones and associations, and plans again if any were made. */
  void plan(List<Work> work, boolean dryRun) {
    planEach(work);
    if (zoneActions.apply(work, dryRun)) {
      lookups.invalidateZones();
      planEach(work);
    }
  }

  private void planEach(List<Work> work) {
    for (Work w : work) {
      if (w.failed()) {
        continue;
      }
      w.notes.clear();
      w.plan = null;
      if (w.facts.isEmpty()) {
        w.action = Work.DEREGISTER;
        w.state = "unknown to EC2";
        w.notes.add(
            "EC2 does not know the instance (any more); removing what the registry says it owns");
        continue;
      }
      InstanceFacts facts = w.facts.get();
      w.state = facts.state().ec2Name();
      if (facts.state().registers()) {
        w.action = Work.REGISTER;
        try {
          VpcFacts vpc =
              facts.vpc().map(lookups::vpc).orElse(new VpcFacts("none", false, false, List.of()));
          w.plan = rules.plan(facts, vpc, lookups.catalogFor(facts.vpcId()));
          w.notes.addAll(w.plan.notes());
        } catch (ServiceFailure e) {
          w.fail(e.getMessage());
        }
      } else if (facts.state().deregisters()) {
        w.action = Work.DEREGISTER;
      } else {
        w.action = Work.SKIP;
        w.notes.add("instance is " + w.state + "; its running event will register it");
      }
      String reported = w.trigger.reportedState();
      if (reported != null && !reported.equals(w.state) && !w.action.equals(Work.SKIP)) {
        w.notes.add("event said " + reported + "; acting on EC2's current state " + w.state);
      }
    }
  }

  /** Intents for the instances that are neither failed nor skipped. */
  static List<Intent> intents(List<Work> work) {
    List<Intent> intents = new ArrayList<>();
    for (Work w : work) {
      if (w.failed()) {
        continue;
      }
      if (w.action.equals(Work.REGISTER) && w.plan != null) {
        InstanceFacts f = w.facts.orElseThrow();
        intents.add(
            new Intent(
                w.instanceId, true, f.launchTime(), w.plan.records(), Work.registryFacts(f)));
      } else if (w.action.equals(Work.DEREGISTER)) {
        intents.add(Intent.deregister(w.instanceId));
      }
    }
    return intents;
  }
}
