package ddns.apply;

import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordSet;
import ddns.dns.ZoneId;
import ddns.failure.ConcurrentUpdateException;
import ddns.failure.RefusedChangeException;
import ddns.failure.ServiceFailure;
import ddns.plan.PlannedChange;
import java.util.List;

/**
 * Route 53 record sets and the zone changes records need (creating a reverse zone, associating a
 * VPC). Throttling, {@code PriorRequestNotComplete} and 5xx are retried inside; what still fails is
 * thrown as {@link ServiceFailure}.
 */
public interface DnsZones {

  /**
   * The record sets at exactly {@code name} in the zone, of every type; empty when none, and when
   * the zone itself is gone (deleted by hand).
   */
  List<RecordSet> recordsAt(ZoneId zoneId, DnsName name);

  /**
   * Every record set of the zone (all pages), empty when the zone is gone; cheaper than {@link
   * #recordsAt} for many names.
   */
  List<RecordSet> allRecords(ZoneId zoneId);

  /**
   * Sends one change batch (already validated and within Route 53's limits). Not idempotent by
   * itself; the planner makes it so by reading the live records first.
   *
   * @return the id Route 53 gave the accepted request ({@link #inSync})
   * @throws ConcurrentUpdateException when Route 53 refuses because the zone changed since it was
   *     read (a record to delete is gone or has other values): read again and re-plan
   * @throws RefusedChangeException when Route 53 refuses the batch's content for another reason (a
   *     value it will not take, a quota): sent again as it is, it is refused again; a smaller batch
   *     without the refused name may pass
   * @throws ServiceFailure for any other failure, which a retry will not mend
   */
  ChangeId apply(ZoneId zoneId, List<PlannedChange> changes);

  /**
   * Whether every authoritative server has the change ({@code GetChange} answers {@code INSYNC});
   * false while it is {@code PENDING}. Read-only.
   */
  boolean inSync(ChangeId change);

  /**
   * Creates a private zone associated with the VPC. Idempotent: a zone created by an earlier
   * attempt with the same name for the same VPC is returned instead of a second one.
   */
  HostedZone createPrivateZone(DnsName name, String vpcId);

  /** Associates the VPC with a private zone; an existing association counts as success. */
  void associate(ZoneId zoneId, String vpcId);

  /**
   * Deletes a zone that holds nothing but its own SOA and NS records.
   *
   * @return true when it is gone (also when it was gone already); false when Route 53 refused as it
   *     is not empty (something was written meanwhile): it stays
   */
  boolean deleteZone(ZoneId zoneId);
}
