package ddns.aws;

import ddns.model.Claim;
import ddns.model.Claimant;
import ddns.model.DesiredRecord;
import ddns.model.DnsName;
import ddns.model.Ownership;
import ddns.model.RecordKey;
import ddns.model.RecordSet;
import ddns.model.RecordType;
import ddns.model.RegistrySnapshot;
import ddns.model.RegistryWrite;
import ddns.model.RegistryWrite.DeleteClaim;
import ddns.model.RegistryWrite.DeleteOwnership;
import ddns.model.RegistryWrite.PutClaim;
import ddns.model.RegistryWrite.PutOwnership;
import ddns.port.ConcurrentUpdateException;
import ddns.port.OwnershipRegistry;
import ddns.port.ServiceFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link OwnershipRegistry} on one DynamoDB table with hash key {@code InstanceId} (the sample's
 * table layout). Two kinds of item share it: an instance item keyed by the instance id, and a claim
 * item per record set keyed {@code claim|zoneId|name|type}. Everything is stored as DynamoDB maps
 * and lists, never as printed text.
 */
public final class DynamoDbRegistry implements OwnershipRegistry {
  static final String KEY = "InstanceId";
  private static final int BATCH_GET = 100;
  private static final int TRANSACTION = 100;

  private final DynamoDbClient dynamoDb;
  private final String table;

  DynamoDbRegistry(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
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
    AwsCall.run(
        "DynamoDB.CreateTable",
        () ->
            dynamoDb.createTable(
                r ->
                    r.tableName(table)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                            a -> a.attributeName(KEY).attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName(KEY).keyType(KeyType.HASH))));
    AwsCall.run(
        "DynamoDB.DescribeTable",
        () -> dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(table)));
  }

  @Override
  public RegistrySnapshot load(Collection<String> instanceIds, Collection<RecordKey> keys) {
    List<String> wanted = new ArrayList<>(instanceIds);
    keys.forEach(k -> wanted.add(claimKey(k)));
    Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    for (int from = 0; from < wanted.size(); from += BATCH_GET) {
      getItems(wanted.subList(from, Math.min(wanted.size(), from + BATCH_GET)), items);
    }
    return snapshot(items.values());
  }

  private static RegistrySnapshot snapshot(Collection<Map<String, AttributeValue>> items) {
    Map<String, Ownership> owners = new HashMap<>();
    Map<RecordKey, Claim> claims = new HashMap<>();
    for (Map<String, AttributeValue> item : items) {
      if ("claim".equals(text(item, "ItemType"))) {
        Claim claim = claim(item);
        claims.put(claim.key(), claim);
      } else {
        Ownership owner = ownership(item);
        owners.put(owner.instanceId(), owner);
      }
    }
    return new RegistrySnapshot(owners, claims);
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
    return snapshot(items);
  }

  /** BatchGetItem; keys it leaves unprocessed are read one by one, with the SDK's retries. */
  private void getItems(List<String> ids, Map<String, Map<String, AttributeValue>> into) {
    List<Map<String, AttributeValue>> keys =
        ids.stream().distinct().map(DynamoDbRegistry::key).toList();
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
        .forEach(item -> into.put(text(item, KEY), item));
    KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
    if (unprocessed != null) {
      for (Map<String, AttributeValue> key : unprocessed.keys()) {
        Map<String, AttributeValue> item =
            AwsCall.run(
                    "DynamoDB.GetItem",
                    () -> dynamoDb.getItem(r -> r.tableName(table).key(key).consistentRead(true)))
                .item();
        if (item != null && !item.isEmpty()) {
          into.put(text(item, KEY), item);
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
      } catch (SdkException e) {
        throw new ServiceFailure(AwsCall.describe("DynamoDB.TransactWriteItems", e), e);
      }
    }
  }

  private TransactWriteItem transactItem(RegistryWrite write) {
    String condition =
        write.expectedVersion() == 0 ? "attribute_not_exists(" + KEY + ")" : "Version = :v";
    Map<String, AttributeValue> values =
        write.expectedVersion() == 0 ? null : Map.of(":v", number(write.expectedVersion()));
    return switch (write) {
      case PutOwnership p ->
          TransactWriteItem.builder()
              .put(
                  x ->
                      x.tableName(table)
                          .item(item(p.item()))
                          .conditionExpression(condition)
                          .expressionAttributeValues(values))
              .build();
      case PutClaim p ->
          TransactWriteItem.builder()
              .put(
                  x ->
                      x.tableName(table)
                          .item(item(p.claim()))
                          .conditionExpression(condition)
                          .expressionAttributeValues(values))
              .build();
      case DeleteOwnership d ->
          TransactWriteItem.builder()
              .delete(
                  x ->
                      x.tableName(table)
                          .key(key(d.instanceId()))
                          .conditionExpression(condition)
                          .expressionAttributeValues(values))
              .build();
      case DeleteClaim d ->
          TransactWriteItem.builder()
              .delete(
                  x ->
                      x.tableName(table)
                          .key(key(claimKey(d.key())))
                          .conditionExpression(condition)
                          .expressionAttributeValues(values))
              .build();
    };
  }

  static String claimKey(RecordKey key) {
    return "claim|" + key.zoneId() + "|" + key.name().value() + "|" + key.type().name();
  }

  private static Map<String, AttributeValue> item(Ownership o) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(KEY, string(o.instanceId()));
    item.put("ItemType", string("instance"));
    item.put("Version", number(o.version()));
    item.put("LaunchTime", string(o.launchTime().toString()));
    item.put(
        "Records",
        AttributeValue.fromL(o.records().stream().map(DynamoDbRegistry::record).toList()));
    Map<String, AttributeValue> facts = new LinkedHashMap<>();
    o.facts().forEach((k, v) -> facts.put(k, string(v)));
    item.put("Facts", AttributeValue.fromM(facts));
    return item;
  }

  private static Map<String, AttributeValue> item(Claim c) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(KEY, string(claimKey(c.key())));
    item.put("ItemType", string("claim"));
    item.put("Version", number(c.version()));
    item.put("ZoneId", string(c.key().zoneId()));
    item.put("ZoneName", string(c.zoneName().value()));
    item.put("Name", string(c.key().name().value()));
    item.put("Type", string(c.key().type().name()));
    Map<String, AttributeValue> claimants = new LinkedHashMap<>();
    c.claimants()
        .forEach(
            (id, claimant) ->
                claimants.put(
                    id,
                    AttributeValue.fromM(
                        Map.of(
                            "LaunchTime", string(claimant.launchTime().toString()),
                            "Ttl", number(claimant.ttl()),
                            "Values",
                                AttributeValue.fromL(
                                    claimant.values().stream()
                                        .map(DynamoDbRegistry::string)
                                        .toList())))));
    item.put("Claimants", AttributeValue.fromM(claimants));
    return item;
  }

  private static AttributeValue record(DesiredRecord r) {
    return AttributeValue.fromM(
        Map.of(
            "ZoneId", string(r.key().zoneId()),
            "ZoneName", string(r.zoneName().value()),
            "Name", string(r.key().name().value()),
            "Type", string(r.key().type().name()),
            "Ttl", number(r.content().ttl()),
            "Values",
                AttributeValue.fromL(
                    r.content().values().stream().map(DynamoDbRegistry::string).toList())));
  }

  private static Ownership ownership(Map<String, AttributeValue> item) {
    List<DesiredRecord> records = new ArrayList<>();
    for (AttributeValue value : item.getOrDefault("Records", AttributeValue.fromL(List.of())).l()) {
      Map<String, AttributeValue> m = value.m();
      DnsName name = new DnsName(text(m, "Name"));
      RecordType type = RecordType.valueOf(text(m, "Type"));
      RecordKey key = new RecordKey(text(m, "ZoneId"), name, type);
      records.add(
          new DesiredRecord(
              key,
              new DnsName(text(m, "ZoneName")),
              new RecordSet(
                  name, type, Long.parseLong(m.get("Ttl").n()), strings(m.get("Values")))));
    }
    Map<String, String> facts = new LinkedHashMap<>();
    item.getOrDefault("Facts", AttributeValue.fromM(Map.of()))
        .m()
        .forEach((k, v) -> facts.put(k, v.s()));
    return new Ownership(
        text(item, KEY),
        Long.parseLong(item.get("Version").n()),
        Instant.parse(text(item, "LaunchTime")),
        records,
        facts);
  }

  private static Claim claim(Map<String, AttributeValue> item) {
    RecordKey key =
        new RecordKey(
            text(item, "ZoneId"),
            new DnsName(text(item, "Name")),
            RecordType.valueOf(text(item, "Type")));
    Map<String, Claimant> claimants = new HashMap<>();
    item.getOrDefault("Claimants", AttributeValue.fromM(Map.of()))
        .m()
        .forEach(
            (id, v) ->
                claimants.put(
                    id,
                    new Claimant(
                        id,
                        Instant.parse(text(v.m(), "LaunchTime")),
                        Long.parseLong(v.m().get("Ttl").n()),
                        strings(v.m().get("Values")))));
    return new Claim(
        key,
        new DnsName(text(item, "ZoneName")),
        Long.parseLong(item.get("Version").n()),
        claimants);
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of(KEY, string(id));
  }

  private static List<String> strings(AttributeValue list) {
    return list.l().stream().map(AttributeValue::s).toList();
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static AttributeValue string(String s) {
    return AttributeValue.fromS(s);
  }

  private static AttributeValue number(long n) {
    return AttributeValue.fromN(Long.toString(n));
  }
}
