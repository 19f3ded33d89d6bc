package ddns.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ddns.failure.ServiceFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * AWS Organizations {@code ListAccounts}, the one call {@code DDNS_ACCOUNTS=organization} needs,
 * made with the SDK's HTTP client and SigV4 signer: the SDK's Organizations module is not among the
 * packages this project can use (docs/decisions.md, "Organizations without its SDK module"). Each
 * page is tried as the other clients' calls are, by the SDK's standard retry strategy ({@link
 * Retries}): throttling ({@code TooManyRequestsException}), 5xx and I/O errors again after its
 * backoff, any other error at once; what still fails is a {@link ServiceFailure}.
 */
final class OrganizationAccounts {
  private static final String TARGET = "AWSOrganizationsV20161128.ListAccounts";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final String signingRegion;
  private final ApiCallCounter counter;
  private final RetryStrategy retries;
  private final RateLimiter.Sleeper backoff;

  /**
   * @param endpoint an override (an emulator), or empty for the partition's Organizations endpoint
   * @param partition {@code aws}, {@code aws-cn} or {@code aws-us-gov}
   * @param retries the strategy the SDK's clients retry with ({@link Retries#strategy})
   */
  OrganizationAccounts(
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      Optional<URI> endpoint,
      String partition,
      ApiCallCounter counter,
      RetryStrategy retries) {
    this(
        http,
        credentials,
        endpoint,
        partition,
        counter,
        retries,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  /**
   * @param backoff waits out the strategy's backoff; the test's clock in tests
   */
  OrganizationAccounts(
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      Optional<URI> endpoint,
      String partition,
      ApiCallCounter counter,
      RetryStrategy retries,
      RateLimiter.Sleeper backoff) {
    this.retries = retries;
    this.backoff = backoff;
    this.http = http;
    this.credentials = credentials;
    this.counter = counter;
    this.signingRegion =
        switch (partition) {
          case "aws-cn" -> "cn-northwest-1";
          case "aws-us-gov" -> "us-gov-west-1";
          default -> "us-east-1";
        };
    this.endpoint =
        endpoint.orElseGet(
            () ->
                URI.create(
                    "https://organizations."
                        + signingRegion
                        + ".amazonaws.com"
                        + (partition.equals("aws-cn") ? ".cn" : "")));
  }

  /** The ids of the organization's active accounts, all pages. */
  List<String> active() {
    List<String> accounts = new ArrayList<>();
    String token = null;
    do {
      JsonNode page = retried(token);
      for (JsonNode account : page.path("Accounts")) {
        String state = account.path("State").asText(account.path("Status").asText());
        if (state.equals("ACTIVE")) {
          accounts.add(account.path("Id").asText());
        }
      }
      token = page.path("NextToken").isTextual() ? page.path("NextToken").asText() : null;
    } while (token != null && !token.isEmpty());
    return accounts;
  }

  /**
   * One page, attempted as the retry strategy says: a failure it takes for transient is tried again
   * after the backoff it gives; any other, or the last attempt's, fails the call.
   */
  private JsonNode retried(String token) {
    AcquireInitialTokenResponse first =
        retries.acquireInitialToken(AcquireInitialTokenRequest.create("organizations"));
    RetryToken attempt = first.token();
    Duration delay = first.delay();
    while (true) {
      pause(delay);
      try {
        JsonNode page = call(token);
        retries.recordSuccess(RecordSuccessRequest.create(attempt));
        return page;
      } catch (SdkException e) {
        try {
          RefreshRetryTokenResponse next =
              retries.refreshRetryToken(
                  RefreshRetryTokenRequest.builder().token(attempt).failure(e).build());
          attempt = next.token();
          delay = next.delay();
        } catch (TokenAcquisitionFailedException lastAttempt) {
          throw new ServiceFailure(failure(e), e);
        }
      }
    }
  }

  private void pause(Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      return;
    }
    try {
      backoff.sleep(delay.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailure("Organizations.ListAccounts interrupted while backing off", e);
    }
  }

  /** What the caller is told: the error, and the permission the call needs when it was refused. */
  private static String failure(SdkException e) {
    if (e instanceof AwsServiceException refused && refused.awsErrorDetails() != null) {
      return "Organizations.ListAccounts failed: "
          + refused.awsErrorDetails().errorCode()
          + ": "
          + refused.awsErrorDetails().errorMessage()
          + " (HTTP "
          + refused.statusCode()
          + "); DDNS_ACCOUNTS=organization needs organizations:ListAccounts, from the"
          + " management account or a delegated administrator";
    }
    return "Organizations.ListAccounts failed: " + e.getMessage();
  }

  /**
   * One attempt.
   *
   * @throws AwsServiceException Organizations' error answer, with its code and status, as the SDK's
   *     clients raise it (so the retry strategy reads it as it reads theirs)
   * @throws SdkClientException no answer (an I/O error)
   */
  private JsonNode call(String token) {
    ObjectNode body = JSON.createObjectNode();
    if (token != null) {
      body.put("NextToken", token);
    }
    String payload = body.toString();
    try {
      SdkHttpRequest request =
          SdkHttpRequest.builder()
              .uri(endpoint)
              .method(SdkHttpMethod.POST)
              .putHeader("Content-Type", "application/x-amz-json-1.1")
              .putHeader("X-Amz-Target", TARGET)
              .build();
      SignedRequest signed =
          AwsV4HttpSigner.create()
              .sign(
                  r ->
                      r.identity(credentials.resolveCredentials())
                          .request(request)
                          .payload(ContentStreamProvider.fromUtf8String(payload))
                          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
                          .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion));
      counter.count("Organizations.ListAccounts");
      HttpExecuteResponse response =
          http.prepareRequest(
                  HttpExecuteRequest.builder()
                      .request(signed.request())
                      .contentStreamProvider(signed.payload().orElse(null))
                      .build())
              .call();
      JsonNode answer;
      try (InputStream in =
          response
              .responseBody()
              .map(InputStream.class::cast)
              .orElse(InputStream.nullInputStream())) {
        byte[] bytes = in.readAllBytes();
        answer = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
      }
      if (!response.httpResponse().isSuccessful()) {
        String type = answer.path("__type").asText("unknown error");
        String message = answer.path("message").asText(answer.path("Message").asText(""));
        throw AwsServiceException.builder()
            .statusCode(response.httpResponse().statusCode())
            .message(message)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(type.substring(type.indexOf('#') + 1))
                    .errorMessage(message)
                    .serviceName("Organizations")
                    .sdkHttpResponse(response.httpResponse())
                    .build())
            .build();
      }
      return answer;
    } catch (IOException e) {
      throw SdkClientException.create(e.getMessage(), e);
    }
  }
}
