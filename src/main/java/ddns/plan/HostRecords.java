package ddns.plan;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.dns.DesiredRecord;
import ddns.dns.RecordKey;
import ddns.dns.Sharing;
import ddns.facts.InstanceId;
import ddns.registry.Claimant;
import ddns.registry.RegistrySnapshot;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code ip-…} name is scoped to its VPC (docs/behaviour.md, "Names"). Within one VPC the
 * latest-launched instance at an address takes the name, as the address was reused; two VPCs with
 * the same range writing into one shared zone collide, and the instance that holds the name keeps
 * it: the other is alerted and nothing is overwritten.
 *
 * <pre>
 * holder (its VPC)      asking (its VPC)       result
 * i-1 (vpc-a)           i-2 (vpc-a), later     i-2 takes the name (address reused)
 * i-1 (vpc-a)           i-2 (vpc-b)            i-1 keeps it; i-2 gets NAME_CONFLICT
 * i-1 (VPC not known)   i-2 (vpc-b), later     i-2 takes it (claims from before VPCs were kept)
 * none; both in batch   i-1 (vpc-a) earlier    i-1 gets it; i-2 (vpc-b) gets NAME_CONFLICT
 * </pre>
 */
final class HostRecords {
  private HostRecords() {}

  /** The instance that holds an {@code ip-…} name, and its VPC. */
  record Holder(InstanceId instanceId, String vpc) {}

  /** The VPC an intent's instance is in, from its facts. */
  static Optional<String> vpcOf(Intent intent) {
    return Optional.ofNullable(intent.facts().get("vpcId"));
  }

  /**
   * Who holds each {@code ip-…} record set the batch asks for: the claim's latest-launched claimant
   * that keeps wanting it, else the earliest launched instance of the batch that wants it. A holder
   * whose VPC is not known holds nothing here.
   */
  static Map<RecordKey, Holder> holders(List<Intent> intents, RegistrySnapshot registry) {
    Wanted wanted = new Wanted(intents, (intent, d) -> scoped(d) && vpcOf(intent).isPresent());
    Map<RecordKey, Holder> holders = new HashMap<>();
    wanted
        .byKey()
        .forEach(
            (key, candidates) -> {
              Optional<Claimant> kept = wanted.keeping(key, registry).max(LATEST);
              if (kept.isPresent()) {
                kept.get()
                    .vpc()
                    .ifPresent(v -> holders.put(key, new Holder(kept.get().instanceId(), v)));
                return;
              }
              Intent first = Wanted.earliest(candidates);
              holders.put(key, new Holder(first.instanceId(), vpcOf(first).orElseThrow()));
            });
    return holders;
  }

  private static final Comparator<Claimant> LATEST =
      Comparator.comparing(Claimant::launchTime).thenComparing(Claimant::instanceId);

  /** The alert for an {@code ip-…} record an instance of another VPC holds. */
  static Optional<Alert> collision(Intent intent, DesiredRecord d, Map<RecordKey, Holder> holders) {
    Holder holder = holders.get(d.key());
    Optional<String> vpc = vpcOf(intent);
    if (!scoped(d)
        || holder == null
        || vpc.isEmpty()
        || holder.instanceId().equals(intent.instanceId())
        || holder.vpc().equals(vpc.get())) {
      return Optional.empty();
    }
    return Optional.of(
        new Alert(
            intent.instanceId(),
            AlertKind.NAME_CONFLICT,
            d.where()
                + " is held by "
                + holder.instanceId()
                + " of "
                + holder.vpc()
                + ", another VPC with the same address range; it is not overwritten, and this"
                + " instance ("
                + vpc.get()
                + ") gets no record there"));
  }

  /** The tool's own host records: {@code ip-…} names, shared by the newest claimant. */
  private static boolean scoped(DesiredRecord d) {
    return d.sharing() == Sharing.LATEST && TagNames.isEc2HostName(d.key().name());
  }
}
