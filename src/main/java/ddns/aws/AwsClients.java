package ddns.aws;

import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The one place that builds SDK clients. Endpoint, region and credentials come from the SDK's
 * standard chain ({@code AWS_ENDPOINT_URL} points them all at an emulator). Every client retries
 * throttling and transient errors with the SDK's standard strategy (capped exponential backoff with
 * jitter) and counts its calls.
 */
public final class AwsClients implements AutoCloseable {
  private final SdkHttpClient http;
  private final ApiCallCounter counter = new ApiCallCounter();
  private final Region region;
  private final Ec2Client ec2;
  private final Route53Client route53;
  private final DynamoDbClient dynamoDb;
  private final SnsClient sns;

  public AwsClients() {
    this(Retries.standard());
  }

  public AwsClients(Retries retries) {
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30))
            .build();
    this.region = region();
    ClientOverrideConfiguration common =
        ClientOverrideConfiguration.builder()
            .retryStrategy(retries.strategy())
            .addExecutionInterceptor(counter)
            .apiCallTimeout(Duration.ofSeconds(60))
            .build();
    this.ec2 =
        Ec2Client.builder().httpClient(http).region(region).overrideConfiguration(common).build();
    this.route53 =
        Route53Client.builder()
            .httpClient(http)
            .region(Region.AWS_GLOBAL)
            .overrideConfiguration(common)
            .build();
    this.dynamoDb =
        DynamoDbClient.builder()
            .httpClient(http)
            .region(region)
            .overrideConfiguration(common)
            .build();
    this.sns =
        SnsClient.builder().httpClient(http).region(region).overrideConfiguration(common).build();
  }

  private static Region region() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      throw new IllegalArgumentException(
          "no AWS region configured: set AWS_REGION (or a profile with a region)", e);
    }
  }

  public ApiCallCounter counter() {
    return counter;
  }

  public Ec2InstanceSource instanceSource() {
    return new Ec2InstanceSource(ec2);
  }

  public Route53DnsZones dnsZones() {
    return new Route53DnsZones(route53, region.id());
  }

  public DynamoDbRegistry registry(String tableName) {
    return new DynamoDbRegistry(dynamoDb, tableName);
  }

  public SnsAlerts alerts() {
    return new SnsAlerts(sns);
  }

  @Override
  public void close() {
    ec2.close();
    route53.close();
    dynamoDb.close();
    sns.close();
    http.close();
  }
}
