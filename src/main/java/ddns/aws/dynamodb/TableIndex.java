package ddns.aws.dynamodb;

import ddns.aws.AwsCall;
import ddns.failure.ServiceFailure;
import ddns.registry.RegistryIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The registry's index ({@link ddns.registry.OwnershipRegistry#index}): one Scan reading each
 * item's key and a claim's claimants only, eventually consistent (the listing may be minutes old
 * anyway, and it costs half the read units), kept {@link #TTL} per process.
 */
final class TableIndex {
  /**
   * How long a listing is kept: a reconcile handed out as units reads the whole table once in this
   * time per container, not once per unit.
   */
  static final Duration TTL = Duration.ofMinutes(5);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private RegistryIndex listed;
  private Instant listedAt;

  TableIndex(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  /** The index, listed again once {@link #TTL} has passed; empty while the table does not exist. */
  synchronized RegistryIndex read() {
    Instant now = clock.instant();
    if (listed == null || !now.isBefore(listedAt.plus(TTL))) {
      List<Map<String, AttributeValue>> items = new ArrayList<>();
      try {
        dynamoDb
            .scanPaginator(
                r ->
                    r.tableName(table)
                        .projectionExpression("#k, Claimants")
                        .expressionAttributeNames(Map.of("#k", RegistryItems.KEY)))
            .items()
            .forEach(items::add);
      } catch (ResourceNotFoundException e) {
        return RegistryItems.index(List.of());
      } catch (SdkException e) {
        throw new ServiceFailure(AwsCall.describe("DynamoDB.Scan", e), e);
      }
      listed = RegistryItems.index(items);
      listedAt = now;
    }
    return listed;
  }
}
