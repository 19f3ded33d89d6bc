package ddns.registry;

import ddns.dns.RecordKey;
import ddns.facts.InstanceId;
import ddns.failure.ConcurrentUpdateException;
import ddns.failure.ServiceFailure;
import java.util.Collection;
import java.util.List;

/**
 * The registry of what this tool owns (DynamoDB). Throughput errors and 5xx are retried inside;
 * what still fails is thrown as {@link ServiceFailure}.
 */
public interface OwnershipRegistry {

  /** Creates the table if it does not exist and waits until it is usable. Idempotent. */
  void ensureTable();

  /**
   * The instance items of {@code instanceIds} and the claims on {@code keys}; absent ones are left
   * out.
   */
  RegistrySnapshot load(Collection<InstanceId> instanceIds, Collection<RecordKey> keys);

  /** Every instance item and claim (all pages); an empty snapshot when the table does not exist. */
  RegistrySnapshot scan();

  /**
   * Which items exist and which instances each claim names, from a listing of the whole table that
   * may be up to a few minutes old (the adapter keeps it): a reconcile of one account and region
   * finds its items there and reads them by key, instead of reading the whole table each time.
   * Empty when the table does not exist.
   */
  RegistryIndex index();

  /**
   * Applies the writes, each conditioned on its expected version, all-or-nothing (per 100 writes).
   *
   * @throws ConcurrentUpdateException when another invocation changed one of the items first;
   *     nothing of that group was written, and re-reading and re-planning is safe
   */
  void write(List<RegistryWrite> writes);
}
