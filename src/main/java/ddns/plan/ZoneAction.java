package ddns.plan;

import ddns.dns.DnsName;
import ddns.dns.ZoneId;

/** A change to a hosted zone itself (not to its records) that an instance's records need first. */
public sealed interface ZoneAction extends Comparable<ZoneAction> {

  String describe();

  @Override
  default int compareTo(ZoneAction other) {
    return describe().compareTo(other.describe());
  }

  /** Create the private reverse zone {@code zoneName} associated with {@code vpcId}. */
  record CreateReverseZone(DnsName zoneName, String vpcId) implements ZoneAction {
    @Override
    public String describe() {
      return "create private zone " + zoneName + " for " + vpcId;
    }
  }

  /** Associate {@code vpcId} with the private zone {@code zoneId}. */
  record AssociateVpc(ZoneId zoneId, DnsName zoneName, String vpcId) implements ZoneAction {
    @Override
    public String describe() {
      return "associate " + vpcId + " with " + zoneName + " (" + zoneId + ")";
    }
  }
}
