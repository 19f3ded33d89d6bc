package ddns.aws.dynamodb;

import ddns.aws.AwsCall;
import ddns.facts.InstanceId;
import ddns.failure.ServiceFailure;
import ddns.registry.GroupNumbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@link GroupNumbers} in the registry table: one item per number held, key {@code
 * number|<group>|<n>}, {@code ItemType=number}, {@code Holder} the instance, and one per instance
 * saying its number ({@code numberof|<group>|<instance>}). Both are read with {@code BatchGetItem},
 * the numbers a hundred at a time; a free one is claimed with a write conditional on the item being
 * absent, or still naming the holder that left the group; a lost race reads again.
 */
public final class DynamoDbGroupNumbers implements GroupNumbers {
  private static final String KEY = RegistryItems.KEY;
  private static final int PAGE = 100;
  private static final int ATTEMPTS = 5;

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbGroupNumbers(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public Map<InstanceId, Integer> assign(
      String group, List<InstanceId> instances, Set<String> members, boolean claim) {
    for (int attempt = 1; ; attempt++) {
      try {
        return assignOnce(group, instances, members, claim);
      } catch (ConditionalCheckFailedException e) {
        if (attempt == ATTEMPTS) {
          throw new ServiceFailure(
              "could not claim a number in group " + group + " after " + ATTEMPTS + " attempts", e);
        }
      }
    }
  }

  private Map<InstanceId, Integer> assignOnce(
      String group, List<InstanceId> instances, Set<String> members, boolean claim) {
    Map<InstanceId, Integer> recorded = numbersOf(group, instances);
    Map<InstanceId, Integer> assigned = new LinkedHashMap<>();
    Map<Integer, String> held = new HashMap<>();
    int read = 0;
    for (InstanceId instance : instances) {
      Integer mine = recorded.get(instance);
      if (mine != null) {
        while (mine > read) {
          held.putAll(holders(group, read + 1, read + PAGE));
          read += PAGE;
        }
        // Taken over while the instance was out of the group (a warm pool, say): no longer its.
        mine = instance.value().equals(held.get(mine)) ? mine : null;
      }
      if (mine == null) {
        int n = 1;
        while (true) {
          while (n > read) {
            held.putAll(holders(group, read + 1, read + PAGE));
            read += PAGE;
          }
          String holder = held.get(n);
          if (holder == null || !members.contains(new InstanceId(holder).ec2Id())) {
            break;
          }
          n++;
        }
        if (claim) {
          take(group, n, held.get(n), instance);
          remember(group, instance, n);
        }
        mine = n;
      }
      held.put(mine, instance.value());
      assigned.put(instance, mine);
    }
    return assigned;
  }

  /** The numbers the registry says the instances hold ({@code numberof|<group>|<instance>}). */
  private Map<InstanceId, Integer> numbersOf(String group, List<InstanceId> instances) {
    Map<InstanceId, Integer> found = new HashMap<>();
    for (int from = 0; from < instances.size(); from += PAGE) {
      List<InstanceId> some = instances.subList(from, Math.min(instances.size(), from + PAGE));
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      Map<String, InstanceId> byKey = new HashMap<>();
      for (InstanceId i : some) {
        keys.add(Map.of(KEY, AttributeValue.fromS(ownKey(group, i))));
        byKey.put(ownKey(group, i), i);
      }
      for (Map<String, AttributeValue> item : batchGet(keys)) {
        found.put(byKey.get(item.get(KEY).s()), Integer.parseInt(item.get("Number").n()));
      }
    }
    return found;
  }

  private void remember(String group, InstanceId instance, int number) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(KEY, AttributeValue.fromS(ownKey(group, instance)));
    item.put("ItemType", AttributeValue.fromS("number"));
    item.put("Number", AttributeValue.fromN(Integer.toString(number)));
    AwsCall.run("DynamoDB.PutItem", () -> dynamoDb.putItem(r -> r.tableName(table).item(item)));
  }

  /** The holders of the numbers from {@code first} to {@code last}. */
  private Map<Integer, String> holders(String group, int first, int last) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (int n = first; n <= last; n++) {
      keys.add(Map.of(KEY, AttributeValue.fromS(key(group, n))));
    }
    Map<Integer, String> holders = new HashMap<>();
    for (Map<String, AttributeValue> item : batchGet(keys)) {
      String key = item.get(KEY).s();
      holders.put(
          Integer.parseInt(key.substring(key.lastIndexOf('|') + 1)), item.get("Holder").s());
    }
    return holders;
  }

  /** The items of these keys (at most 100), read consistently, unprocessed keys asked again. */
  private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, KeysAndAttributes> wanted =
        Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
    while (!wanted.isEmpty()) {
      Map<String, KeysAndAttributes> ask = wanted;
      var answer =
          AwsCall.run(
              "DynamoDB.BatchGetItem", () -> dynamoDb.batchGetItem(r -> r.requestItems(ask)));
      items.addAll(answer.responses().getOrDefault(table, List.of()));
      wanted = answer.unprocessedKeys();
    }
    return items;
  }

  /** Claims the number: absent, or still held by the instance that left (a lost race throws). */
  private void take(String group, int number, String leftBy, InstanceId instance) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(KEY, AttributeValue.fromS(key(group, number)));
    item.put("ItemType", AttributeValue.fromS("number"));
    item.put("Group", AttributeValue.fromS(group));
    item.put("Holder", AttributeValue.fromS(instance.value()));
    try {
      dynamoDb.putItem(
          r -> {
            r.tableName(table).item(item);
            if (leftBy == null) {
              r.conditionExpression("attribute_not_exists(#k)")
                  .expressionAttributeNames(Map.of("#k", KEY));
            } else {
              r.conditionExpression("Holder = :left")
                  .expressionAttributeValues(Map.of(":left", AttributeValue.fromS(leftBy)));
            }
          });
    } catch (ConditionalCheckFailedException e) {
      throw e;
    } catch (software.amazon.awssdk.core.exception.SdkException e) {
      throw new ServiceFailure(AwsCall.describe("DynamoDB.PutItem", e), e);
    }
  }

  static String key(String group, int number) {
    return "number|" + group + "|" + number;
  }

  static String ownKey(String group, InstanceId instance) {
    return "numberof|" + group + "|" + instance.value();
  }
}
