package ddns.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ddns.failure.ServiceFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * AWS Organizations {@code ListAccounts}, the one call {@code DDNS_ACCOUNTS=organization} needs,
 * made with the SDK's HTTP client and SigV4 signer: the SDK's Organizations module is not among the
 * packages this project can use (docs/decisions.md, "Organizations without its SDK module"). One
 * attempt per page; a failure fails the reconcile run, which the next schedule repeats.
 */
final class OrganizationAccounts {
  private static final String TARGET = "AWSOrganizationsV20161128.ListAccounts";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final String signingRegion;
  private final ApiCallCounter counter;

  /**
   * @param endpoint an override (an emulator), or empty for the partition's Organizations endpoint
   * @param partition {@code aws}, {@code aws-cn} or {@code aws-us-gov}
   */
  OrganizationAccounts(
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      Optional<URI> endpoint,
      String partition,
      ApiCallCounter counter) {
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
      JsonNode page = call(token);
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
        throw new ServiceFailure(
            "Organizations.ListAccounts failed: "
                + type.substring(type.indexOf('#') + 1)
                + ": "
                + answer.path("message").asText(answer.path("Message").asText(""))
                + " (HTTP "
                + response.httpResponse().statusCode()
                + "); DDNS_ACCOUNTS=organization needs organizations:ListAccounts, from the"
                + " management account or a delegated administrator",
            null);
      }
      return answer;
    } catch (IOException | SdkException e) {
      throw new ServiceFailure("Organizations.ListAccounts failed: " + e.getMessage(), e);
    }
  }
}
