package ddns.sim;

import ddns.dns.HostedZone;
import ddns.dns.RecordKey;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.fakes.FakeRegistry;
import ddns.registry.AlertMemory;
import ddns.registry.Claim;
import ddns.registry.CreatedZones;
import ddns.registry.Ownership;
import ddns.registry.OwnershipRegistry;
import ddns.registry.RegistryIndex;
import ddns.registry.RegistrySnapshot;
import ddns.registry.RegistryWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry table as one container's adapter calls it (aws.dynamodb.DynamoDbRegistry): 100 keys
 * a BatchGetItem, 100 writes a TransactWriteItems, 25 a BatchWriteItem, and a Scan of 1 MB pages.
 * An item's size is estimated from what it holds (about 200 bytes, and 110 more per record or
 * claimant), which sets the pages a Scan takes and the read units it spends (4 KB each, strongly
 * consistent, as the adapter reads).
 */
final class SimulatedTable implements OwnershipRegistry, AlertMemory, CreatedZones {
  private static final Duration INDEX_TTL = Duration.ofMinutes(5);

  private final Container container;
  private final FakeRegistry registry;
  private RegistryIndex listed;
  private Instant listedAt;

  SimulatedTable(Container container) {
    this.container = container;
    this.registry = container.aws.registry;
  }

  private String central() {
    return container.aws.central();
  }

  private <T> T request(
      String operation, Latency.Range latency, java.util.function.Supplier<T> body) {
    return container.call(operation, central(), latency, body);
  }

  @Override
  public void ensureTable() {
    request("DynamoDB.DescribeTable", Latency.DYNAMODB, () -> null);
  }

  @Override
  public RegistrySnapshot load(Collection<InstanceId> instanceIds, Collection<RecordKey> keys) {
    int requests = (instanceIds.size() + keys.size() + 99) / 100;
    if (requests == 0) {
      return new RegistrySnapshot(Map.of(), Map.of());
    }
    RegistrySnapshot found =
        request("DynamoDB.BatchGetItem", Latency.DYNAMODB, () -> registry.load(instanceIds, keys));
    container.more("DynamoDB.BatchGetItem", central(), Latency.DYNAMODB, requests - 1);
    container.aws.read(found.owners().size() + found.claims().size());
    return found;
  }

  @Override
  public RegistrySnapshot scan() {
    RegistrySnapshot all = request("DynamoDB.Scan", Latency.DYNAMODB, registry::scan);
    chargeScan(bytes(all), 1);
    return all;
  }

  /**
   * As the adapter lists the table: one Scan of the keys and claimants, eventually consistent (half
   * the read units), kept five minutes by the container, so that what it returns may be that old.
   */
  @Override
  public RegistryIndex index() {
    Instant now = container.clock.instant();
    if (listed == null || !now.isBefore(listedAt.plus(INDEX_TTL))) {
      long[] bytes = new long[1];
      listed =
          request(
              "DynamoDB.Scan",
              Latency.DYNAMODB,
              () -> {
                bytes[0] = bytes(registry.scan());
                return registry.index();
              });
      chargeScan(bytes[0], 2);
      listedAt = now;
    }
    return listed;
  }

  /**
   * The pages of a Scan over {@code bytes} of items (the first was charged as the call), and its
   * read units: one per 4 KB read, divided by {@code cheaper} (2 for eventually consistent).
   */
  private void chargeScan(long bytes, int cheaper) {
    long pages = Math.max(1, (bytes + Latency.SCAN_PAGE_BYTES - 1) / Latency.SCAN_PAGE_BYTES);
    for (long page = 1; page < pages; page++) {
      container.call("DynamoDB.Scan", central(), Latency.DYNAMODB, () -> null);
    }
    long last = bytes - (pages - 1) * Latency.SCAN_PAGE_BYTES;
    // The latency of each page beyond the 5-15 ms a call was charged: its share of a full page's.
    for (long page = 0; page < pages; page++) {
      container
          .actor()
          .advance(
              container.aws.latency.scanPage(page == pages - 1 ? last : Latency.SCAN_PAGE_BYTES));
    }
    container.aws.read((bytes + 4095) / 4096 / cheaper);
  }

  static long bytes(RegistrySnapshot snapshot) {
    long bytes = 0;
    for (Ownership o : snapshot.owners().values()) {
      bytes += 200 + 110L * o.records().size();
    }
    for (Claim c : snapshot.claims().values()) {
      bytes += 200 + 110L * c.claimants().size();
    }
    return bytes + 100L * snapshot.createdZones().size();
  }

  @Override
  public void write(List<RegistryWrite> writes) {
    for (int from = 0; from < writes.size(); from += 100) {
      List<RegistryWrite> group = writes.subList(from, Math.min(writes.size(), from + 100));
      request(
          "DynamoDB.TransactWriteItems",
          Latency.DYNAMODB_TRANSACTION,
          () -> {
            registry.write(group);
            return null;
          });
    }
  }

  @Override
  public Map<String, String> recall(Collection<String> subjects, Instant now) {
    if (subjects.isEmpty()) {
      return Map.of();
    }
    Map<String, String> found =
        request("DynamoDB.BatchGetItem", Latency.DYNAMODB, () -> registry.recall(subjects, now));
    container.more(
        "DynamoDB.BatchGetItem", central(), Latency.DYNAMODB, (subjects.size() - 1) / 100);
    return found;
  }

  @Override
  public void remember(List<Memory> memories) {
    if (memories.isEmpty()) {
      return;
    }
    request(
        "DynamoDB.BatchWriteItem",
        Latency.DYNAMODB,
        () -> {
          registry.remember(memories);
          return null;
        });
    container.more(
        "DynamoDB.BatchWriteItem", central(), Latency.DYNAMODB, (memories.size() - 1) / 25);
  }

  @Override
  public void forgetAll() {
    request(
        "DynamoDB.Scan",
        Latency.DYNAMODB,
        () -> {
          registry.forgetAll();
          return null;
        });
  }

  @Override
  public void remember(HostedZone zone) {
    request(
        "DynamoDB.PutItem",
        Latency.DYNAMODB,
        () -> {
          registry.remember(zone);
          return null;
        });
  }

  @Override
  public Set<ZoneId> createdAmong(Collection<ZoneId> zoneIds) {
    if (zoneIds.isEmpty()) {
      return Set.of();
    }
    return request("DynamoDB.BatchGetItem", Latency.DYNAMODB, () -> registry.createdAmong(zoneIds));
  }

  @Override
  public Set<ZoneId> all() {
    return request("DynamoDB.Scan", Latency.DYNAMODB, registry::all);
  }

  @Override
  public void forget(ZoneId zoneId) {
    request(
        "DynamoDB.DeleteItem",
        Latency.DYNAMODB,
        () -> {
          registry.forget(zoneId);
          return null;
        });
  }
}
