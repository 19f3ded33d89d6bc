package ddns.aws.dynamodb;

import ddns.aws.AwsCall;
import ddns.dns.HostedZone;
import ddns.dns.RecordKey;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.failure.ConcurrentUpdateException;
import ddns.failure.ServiceFailure;
import ddns.registry.AlertMemory;
import ddns.registry.AlertMemory.Memory;
import ddns.registry.CreatedZones;
import ddns.registry.OwnershipRegistry;
import ddns.registry.RegistryIndex;
import ddns.registry.RegistrySnapshot;
import ddns.registry.RegistryWrite;
import ddns.registry.RegistryWrite.DeleteClaim;
import ddns.registry.RegistryWrite.DeleteOwnership;
import ddns.registry.RegistryWrite.PutClaim;
import ddns.registry.RegistryWrite.PutOwnership;
import ddns.registry.RegistryWrite.RememberZone;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link OwnershipRegistry} on one DynamoDB table with hash key {@code InstanceId} (the sample's
 * table layout). Two kinds of item share it: an instance item keyed by the instance id, and a claim
 * item per record set keyed {@code claim|zoneId|name|type}. Everything is stored as DynamoDB maps
 * and lists, never as printed text. The listing of every item ({@link #index}) is {@link
 * TableIndex}'s.
 */
public final class DynamoDbRegistry implements OwnershipRegistry, AlertMemory, CreatedZones {
  private static final String KEY = RegistryItems.KEY;
  private static final int BATCH_GET = 100;
  private static final int TRANSACTION = 100;
  private static final int BATCH_WRITE = 25;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final TableIndex index;

  public DynamoDbRegistry(DynamoDbClient dynamoDb, String table) {
    this(dynamoDb, table, Clock.systemUTC());
  }

  /**
   * @param clock when a listing of the keys was made, and when it is too old
   */
  public DynamoDbRegistry(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.index = new TableIndex(dynamoDb, table, clock);
  }

  @Override
  public void ensureTable() {
    try {
      dynamoDb.describeTable(r -> r.tableName(table));
      return;
    } catch (ResourceNotFoundException e) {
      // created below
    } catch (SdkException e) {
      throw new ServiceFailure(AwsCall.describe("DynamoDB.DescribeTable", e), e);
    }
    try {
      dynamoDb.createTable(
          r ->
              r.tableName(table)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      a -> a.attributeName(KEY).attributeType(ScalarAttributeType.S))
                  .keySchema(k -> k.attributeName(KEY).keyType(KeyType.HASH)));
    } catch (ResourceInUseException e) {
      // Another cold container created it meanwhile: the table is there, wait for it below.
    } catch (SdkException e) {
      throw new ServiceFailure(AwsCall.describe("DynamoDB.CreateTable", e), e);
    }
    AwsCall.run(
        "DynamoDB.DescribeTable",
        () -> dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(table)));
  }

  @Override
  public RegistrySnapshot load(Collection<InstanceId> instanceIds, Collection<RecordKey> keys) {
    List<String> wanted = new ArrayList<>(instanceIds.stream().map(InstanceId::value).toList());
    keys.forEach(k -> wanted.add(RegistryItems.claimKey(k)));
    Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    for (int from = 0; from < wanted.size(); from += BATCH_GET) {
      getItems(wanted.subList(from, Math.min(wanted.size(), from + BATCH_GET)), items);
    }
    return RegistryItems.snapshot(items.values());
  }

  @Override
  public RegistrySnapshot scan() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    try {
      dynamoDb
          .scanPaginator(r -> r.tableName(table).consistentRead(true))
          .items()
          .forEach(items::add);
    } catch (ResourceNotFoundException e) {
      return new RegistrySnapshot(Map.of(), Map.of());
    } catch (SdkException e) {
      throw new ServiceFailure(AwsCall.describe("DynamoDB.Scan", e), e);
    }
    return RegistryItems.snapshot(items);
  }

  @Override
  public RegistryIndex index() {
    return index.read();
  }

  @Override
  public Map<String, String> recall(Collection<String> subjects, Instant now) {
    List<String> keys = subjects.stream().map(RegistryItems::alertKey).toList();
    Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    for (int from = 0; from < keys.size(); from += BATCH_GET) {
      getItems(keys.subList(from, Math.min(keys.size(), from + BATCH_GET)), items);
    }
    Map<String, String> found = new HashMap<>();
    items.forEach(
        (key, item) -> {
          AttributeValue expires = item.get("ExpiresAt");
          // DynamoDB deletes expired items only eventually, so the time is checked here as well.
          if (expires == null || Long.parseLong(expires.n()) > now.getEpochSecond()) {
            found.put(key.substring("alerts|".length()), RegistryItems.text(item, "Fingerprint"));
          }
        });
    return found;
  }

  /**
   * {@code BatchWriteItem}, 25 puts a request (DynamoDB's limit); items it leaves unprocessed are
   * written one by one with {@code PutItem} and the SDK's retries, as {@link #getItems} reads
   * unprocessed keys.
   */
  @Override
  public void remember(List<Memory> memories) {
    for (int from = 0; from < memories.size(); from += BATCH_WRITE) {
      List<WriteRequest> puts =
          memories.subList(from, Math.min(memories.size(), from + BATCH_WRITE)).stream()
              .map(
                  m ->
                      WriteRequest.builder()
                          .putRequest(
                              p ->
                                  p.item(
                                      RegistryItems.alertItem(
                                          m.subject(), m.fingerprint(), m.expiresAt())))
                          .build())
              .toList();
      BatchWriteItemResponse response =
          AwsCall.run(
              "DynamoDB.BatchWriteItem",
              () -> dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, puts))));
      for (WriteRequest unprocessed : response.unprocessedItems().getOrDefault(table, List.of())) {
        AwsCall.run(
            "DynamoDB.PutItem",
            () -> dynamoDb.putItem(r -> r.tableName(table).item(unprocessed.putRequest().item())));
      }
    }
  }

  @Override
  public void forgetAll() {
    for (String key : keysOfType("alerts")) {
      deleteItem(key);
    }
  }

  @Override
  public void remember(HostedZone zone) {
    AwsCall.run(
        "DynamoDB.PutItem",
        () -> dynamoDb.putItem(r -> r.tableName(table).item(RegistryItems.zoneItem(zone))));
  }

  @Override
  public Set<ZoneId> createdAmong(Collection<ZoneId> zoneIds) {
    List<String> keys = zoneIds.stream().map(RegistryItems::zoneKey).toList();
    Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    for (int from = 0; from < keys.size(); from += BATCH_GET) {
      getItems(keys.subList(from, Math.min(keys.size(), from + BATCH_GET)), items);
    }
    Set<ZoneId> found = new TreeSet<>();
    items.values().forEach(item -> found.add(ZoneId.of(RegistryItems.text(item, "ZoneId"))));
    return found;
  }

  @Override
  public Set<ZoneId> all() {
    Set<ZoneId> found = new TreeSet<>();
    for (String key : keysOfType("zone")) {
      found.add(ZoneId.of(key.substring(RegistryItems.ZONE_PREFIX.length())));
    }
    return found;
  }

  @Override
  public void forget(ZoneId zoneId) {
    deleteItem(RegistryItems.zoneKey(zoneId));
  }

  /** The keys of every item of one kind (a Scan reading the key and the kind only). */
  private List<String> keysOfType(String itemType) {
    List<String> keys = new ArrayList<>();
    try {
      dynamoDb
          .scanPaginator(
              r ->
                  r.tableName(table)
                      .consistentRead(true)
                      .projectionExpression("#k, ItemType")
                      .filterExpression("ItemType = :t")
                      .expressionAttributeNames(Map.of("#k", KEY))
                      .expressionAttributeValues(Map.of(":t", RegistryItems.string(itemType))))
          .items()
          .forEach(item -> keys.add(RegistryItems.text(item, KEY)));
    } catch (ResourceNotFoundException e) {
      return List.of();
    } catch (SdkException e) {
      throw new ServiceFailure(AwsCall.describe("DynamoDB.Scan", e), e);
    }
    return keys;
  }

  private void deleteItem(String key) {
    AwsCall.run(
        "DynamoDB.DeleteItem",
        () -> dynamoDb.deleteItem(r -> r.tableName(table).key(RegistryItems.key(key))));
  }

  /** BatchGetItem; keys it leaves unprocessed are read one by one, with the SDK's retries. */
  private void getItems(List<String> ids, Map<String, Map<String, AttributeValue>> into) {
    List<Map<String, AttributeValue>> keys =
        ids.stream().distinct().map(RegistryItems::key).toList();
    BatchGetItemResponse response;
    try {
      response =
          dynamoDb.batchGetItem(
              r ->
                  r.requestItems(
                      Map.of(
                          table,
                          KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
    } catch (ResourceNotFoundException e) {
      return; // no table yet (dry run, or before the first write): nothing is owned
    } catch (SdkException e) {
      throw new ServiceFailure(AwsCall.describe("DynamoDB.BatchGetItem", e), e);
    }
    response
        .responses()
        .getOrDefault(table, List.of())
        .forEach(item -> into.put(RegistryItems.text(item, KEY), item));
    KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
    if (unprocessed != null) {
      for (Map<String, AttributeValue> key : unprocessed.keys()) {
        Map<String, AttributeValue> item =
            AwsCall.run(
                    "DynamoDB.GetItem",
                    () -> dynamoDb.getItem(r -> r.tableName(table).key(key).consistentRead(true)))
                .item();
        if (item != null && !item.isEmpty()) {
          into.put(RegistryItems.text(item, KEY), item);
        }
      }
    }
  }

  @Override
  public void write(List<RegistryWrite> writes) {
    for (int from = 0; from < writes.size(); from += TRANSACTION) {
      List<TransactWriteItem> items =
          writes.subList(from, Math.min(writes.size(), from + TRANSACTION)).stream()
              .map(this::transactItem)
              .toList();
      try {
        dynamoDb.transactWriteItems(r -> r.transactItems(items));
      } catch (TransactionCanceledException e) {
        boolean conflict =
            e.cancellationReasons().stream()
                .anyMatch(
                    reason ->
                        "ConditionalCheckFailed".equals(reason.code())
                            || "TransactionConflict".equals(reason.code()));
        if (conflict) {
          throw new ConcurrentUpdateException(
              AwsCall.describe("DynamoDB.TransactWriteItems", e), e);
        }
        throw new ServiceFailure(AwsCall.describe("DynamoDB.TransactWriteItems", e), e);
      } catch (ResourceNotFoundException e) {
        throw new ServiceFailure(
            "the registry table '"
                + table
                + "' does not exist (DDNS_TABLE): create it (the stack does), or let the tool"
                + " create it with DDNS_CREATE_TABLE=true",
            e);
      } catch (SdkException e) {
        throw new ServiceFailure(AwsCall.describe("DynamoDB.TransactWriteItems", e), e);
      }
    }
  }

  private TransactWriteItem transactItem(RegistryWrite write) {
    if (write instanceof RememberZone remember) {
      return TransactWriteItem.builder()
          .put(x -> x.tableName(table).item(RegistryItems.zoneItem(remember.zone())))
          .build();
    }
    // Version 0: no item of this tool's. An item without Version (the AWS sample's, or one the
    // tool cannot read) is not the tool's either; a put replaces it and a delete removes it.
    boolean delete = write instanceof DeleteOwnership || write instanceof DeleteClaim;
    String condition =
        write.expectedVersion() != 0
            ? "Version = :v"
            : delete
                ? "attribute_not_exists(Version)"
                : "attribute_not_exists(" + KEY + ") OR attribute_not_exists(Version)";
    Map<String, AttributeValue> values =
        write.expectedVersion() == 0
            ? null
            : Map.of(":v", RegistryItems.number(write.expectedVersion()));
    return switch (write) {
      case PutOwnership p ->
          TransactWriteItem.builder()
              .put(
                  x ->
                      x.tableName(table)
                          .item(RegistryItems.item(p.item()))
                          .conditionExpression(condition)
                          .expressionAttributeValues(values))
              .build();
      case PutClaim p ->
          TransactWriteItem.builder()
              .put(
                  x ->
                      x.tableName(table)
                          .item(RegistryItems.item(p.claim()))
                          .conditionExpression(condition)
                          .expressionAttributeValues(values))
              .build();
      case DeleteOwnership d ->
          TransactWriteItem.builder()
              .delete(
                  x ->
                      x.tableName(table)
                          .key(RegistryItems.key(d.instanceId().value()))
                          .conditionExpression(condition)
                          .expressionAttributeValues(values))
              .build();
      case DeleteClaim d ->
          TransactWriteItem.builder()
              .delete(
                  x ->
                      x.tableName(table)
                          .key(RegistryItems.key(RegistryItems.claimKey(d.key())))
                          .conditionExpression(condition)
                          .expressionAttributeValues(values))
              .build();
      case RememberZone r -> throw new IllegalStateException("handled above");
    };
  }
}
