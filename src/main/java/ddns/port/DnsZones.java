package ddns.port;

import ddns.model.DnsName;
import ddns.model.HostedZone;
import ddns.model.RecordSet;
import ddns.plan.PlannedChange;
import java.util.List;
import java.util.Set;

/**
 * Route 53 hosted zones and their record sets. Throttling, {@code PriorRequestNotComplete} and 5xx
 * are retried inside; what still fails is thrown as {@link ServiceFailure}.
 */
public interface DnsZones {

  /** Every hosted zone of the account (all pages). */
  List<HostedZone> zones();

  /** Ids of the private zones associated with the VPC, in the region the clients use. */
  Set<String> zonesAssociatedWith(String vpcId);

  /** The record sets at exactly {@code name} in the zone, of every type; empty when none. */
  List<RecordSet> recordsAt(String zoneId, DnsName name);

  /** Every record set of the zone (all pages); cheaper than {@link #recordsAt} for many names. */
  List<RecordSet> allRecords(String zoneId);

  /**
   * Sends one change batch (already validated and within Route 53's limits). Not idempotent by
   * itself; the planner makes it so by reading the live records first.
   */
  void apply(String zoneId, List<PlannedChange> changes);

  /**
   * Creates a private zone associated with the VPC. Idempotent: a zone created by an earlier
   * attempt with the same name for the same VPC is returned instead of a second one.
   */
  HostedZone createPrivateZone(DnsName name, String vpcId);

  /** Associates the VPC with a private zone; an existing association counts as success. */
  void associate(String zoneId, String vpcId);
}
