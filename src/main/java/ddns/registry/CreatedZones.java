package ddns.registry;

import ddns.dns.HostedZone;
import ddns.dns.ZoneId;
import java.util.Collection;
import java.util.Set;

/**
 * The reverse zones this tool created, kept in the registry (docs/behaviour.md, "Reverse zones"):
 * only those may it ever delete, once nothing is left in them.
 */
public interface CreatedZones {

  /** Records a zone just created. */
  void remember(HostedZone zone);

  /** Which of {@code zoneIds} the registry lists as created by this tool. */
  Set<ZoneId> createdAmong(Collection<ZoneId> zoneIds);

  /** Every zone the registry lists as created by this tool. */
  Set<ZoneId> all();

  /** Drops a zone that was deleted. */
  void forget(ZoneId zoneId);
}
