package ddns.plan;

import ddns.dns.RecordKey;
import ddns.facts.InstanceId;
import ddns.registry.RegistryWrite;
import ddns.registry.RegistryWrite.DeleteClaim;
import ddns.registry.RegistryWrite.DeleteOwnership;
import ddns.registry.RegistryWrite.PutClaim;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the tool may do to Route 53 ({@code DDNS_POLICY}; docs/behaviour.md, "Policy"): everything
 * ({@code sync}), never delete ({@code upsert-only}), or only create ({@code create-only}). A
 * change the policy forbids is left out with a note; the registry keeps what the record's claim
 * says, so the record stays the tool's and a later instance can take it over as usual. Pure.
 */
public enum ChangePolicy {
  SYNC,
  UPSERT_ONLY,
  CREATE_ONLY;

  /**
   * @throws IllegalArgumentException naming the values allowed
   */
  public static ChangePolicy parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "sync" -> SYNC;
      case "upsert-only" -> UPSERT_ONLY;
      case "create-only" -> CREATE_ONLY;
      default ->
          throw new IllegalArgumentException(
              "must be sync, upsert-only or create-only, was '" + text.strip() + "'");
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The plan without the changes this policy forbids, and without their registry releases. */
  public ChangePlan apply(ChangePlan plan) {
    if (this == SYNC) {
      return plan;
    }
    List<PlannedChange> kept = new ArrayList<>();
    Set<RecordKey> keptClaimed = new HashSet<>();
    Set<InstanceId> keepItems = new HashSet<>();
    Map<InstanceId, List<String>> notes = new TreeMap<>();
    plan.notes().forEach((id, n) -> notes.put(id, new ArrayList<>(n)));
    for (PlannedChange c : plan.changes()) {
      String what = c.set().type() + " " + c.set().name();
      if (c.action() == ChangeAction.DELETE) {
        keptClaimed.add(new RecordKey(c.zoneId(), c.set().name(), c.set().type()));
        keepItems.add(c.instanceId());
        note(
            notes,
            c.instanceId(),
            what + " left in place (DDNS_POLICY=" + label() + "); it stays the tool's");
      } else if (this == CREATE_ONLY && c.replaces().isPresent()) {
        note(
            notes,
            c.instanceId(),
            what
                + " left as it is (DDNS_POLICY="
                + label()
                + "): it would have become "
                + String.join(" ", c.set().values()));
      } else {
        kept.add(c);
      }
    }
    List<RegistryWrite> after = new ArrayList<>();
    for (RegistryWrite w : plan.after()) {
      boolean release =
          switch (w) {
            case DeleteClaim d -> keptClaimed.contains(d.key());
            case PutClaim p -> keptClaimed.contains(p.claim().key());
            case DeleteOwnership d -> keepItems.contains(d.instanceId());
            default -> false;
          };
      if (!release) {
        after.add(w);
      }
    }
    return new ChangePlan(plan.before(), kept, after, plan.alerts(), plan.accepted(), notes);
  }

  private static void note(Map<InstanceId, List<String>> notes, InstanceId id, String note) {
    notes.computeIfAbsent(id, k -> new ArrayList<>()).add(note);
  }
}
