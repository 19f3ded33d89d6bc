package ddns.aws;

import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Which failures are transient, and how they are retried: the SDK's standard strategy (capped
 * exponential backoff with full jitter, a retry quota), with the error codes this tool meets named
 * explicitly so that none depends on the SDK's defaults.
 *
 * @param maxAttempts attempts per call, the first included
 * @param baseDelay first backoff for errors other than throttling
 * @param throttlingBaseDelay first backoff after a throttling error
 * @param maxBackoff cap of any single backoff
 */
public record Retries(
    int maxAttempts, Duration baseDelay, Duration throttlingBaseDelay, Duration maxBackoff) {

  /** Error codes that mean "try again later", across the services the tool calls. */
  static final Set<String> TRANSIENT_CODES =
      Set.of(
          "Throttling", // Route 53, SNS
          "ThrottlingException",
          "TooManyRequestsException", // Organizations
          "PriorRequestNotComplete", // Route 53: an earlier change to the zone is still applying
          "RequestLimitExceeded", // EC2
          "ProvisionedThroughputExceededException", // DynamoDB
          "RequestThrottled",
          "ThrottledException",
          "TransactionInProgressException",
          "InternalError",
          "InternalFailure",
          "InternalServerError",
          "ServiceUnavailable",
          "Unavailable");

  /** For production: up to 6 attempts, throttling backoff from 500 ms, capped at 10 s. */
  public static Retries standard() {
    return new Retries(6, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(10));
  }

  /** Transient: one of the codes above, any 5xx, or no response at all (I/O error). */
  static boolean isTransient(Throwable failure) {
    if (failure instanceof AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      return (code != null && TRANSIENT_CODES.contains(code)) || e.statusCode() >= 500;
    }
    return failure instanceof SdkClientException;
  }

  RetryStrategy strategy() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .retryOnException(Retries::isTransient)
        .backoffStrategy(BackoffStrategy.exponentialDelay(baseDelay, maxBackoff))
        .throttlingBackoffStrategy(
            BackoffStrategy.exponentialDelay(throttlingBaseDelay, maxBackoff))
        .build();
  }
}
