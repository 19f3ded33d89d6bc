package ddns.aws;

import ddns.aws.dynamodb.DynamoDbRegistry;
import ddns.aws.ec2.Ec2InstanceSource;
import ddns.aws.route53.Route53DnsZones;
import ddns.aws.sns.SnsAlerts;
import ddns.aws.sts.StsDefaultTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one place that builds SDK clients. {@link AwsSettings} says where they go and as whom; what
 * it leaves open comes from the SDK's default chains ({@code AWS_ENDPOINT_URL} points them all at
 * an emulator). Every client retries throttling and transient errors with the SDK's standard
 * strategy (capped exponential backoff with jitter) and counts its calls.
 */
public final class AwsClients implements AutoCloseable {
  private final SdkHttpClient http;
  private final ApiCallCounter counter = new ApiCallCounter();
  private final Region region;
  private final Ec2Client ec2;
  private final Route53Client route53;
  private final DynamoDbClient dynamoDb;
  private final SnsClient sns;
  private final AwsSettings settings;
  private final AwsCredentialsProvider credentials;
  private final Credentials.Source signIn;
  private final List<StsClient> credentialClients = new ArrayList<>();
  private final ClientOverrideConfiguration common;
  private StsClient sts;

  public AwsClients(AwsSettings settings) {
    this(settings, Retries.standard());
  }

  public AwsClients(AwsSettings settings, Retries retries) {
    this(settings, retries, null);
  }

  /**
   * @param route53Pacing every Route 53 request attempt (retries included) takes a token first, so
   *     the tool spends a bounded share of the account's Route 53 budget; null: unpaced
   */
  public AwsClients(AwsSettings settings, Retries retries, RateLimiter route53Pacing) {
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30))
            .build();
    ClientOverrideConfiguration common =
        ClientOverrideConfiguration.builder()
            .retryStrategy(retries.strategy())
            .addExecutionInterceptor(counter)
            .apiCallTimeout(Duration.ofSeconds(60))
            .build();
    this.settings = settings;
    this.common = common;
    Credentials found = new Credentials(settings, this::credentialsSts);
    this.region =
        settings
            .region()
            .or(found::profileRegion)
            .map(Region::of)
            .orElseGet(AwsClients::defaultRegion);
    this.signIn = found.source();
    this.credentials = signIn.provider();
    this.ec2 = configure(Ec2Client.builder(), settings, credentials, common, region).build();
    ClientOverrideConfiguration paced =
        route53Pacing == null
            ? common
            : common.toBuilder()
                .addExecutionInterceptor(
                    new ExecutionInterceptor() {
                      @Override
                      public void beforeTransmission(
                          Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        route53Pacing.acquire();
                      }
                    })
                .build();
    this.route53 =
        configure(Route53Client.builder(), settings, credentials, paced, Region.AWS_GLOBAL).build();
    this.dynamoDb =
        configure(DynamoDbClient.builder(), settings, credentials, common, region).build();
    this.sns = configure(SnsClient.builder(), settings, credentials, common, region).build();
  }

  private <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(
      B builder,
      AwsSettings settings,
      AwsCredentialsProvider credentials,
      ClientOverrideConfiguration common,
      Region clientRegion) {
    builder
        .httpClient(http)
        .region(clientRegion)
        .credentialsProvider(credentials)
        .overrideConfiguration(common);
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder;
  }

  /**
   * An STS client for assuming a role with {@code source}, built like the others, in the clients'
   * region (set before the credentials are looked for).
   */
  private synchronized StsClient credentialsSts(AwsCredentialsProvider source) {
    StsClient client = configure(StsClient.builder(), settings, source, common, region).build();
    credentialClients.add(client);
    return client;
  }

  /**
   * Resolves the credentials now, so that a command without usable credentials fails at once and
   * says where it looked, instead of failing every instance it handles.
   *
   * @throws ddns.failure.SignInFailure naming the profile or the chain, and the cause
   */
  public void checkCredentials() {
    Credentials.check(signIn);
  }

  private static Region defaultRegion() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      throw new IllegalArgumentException(
          "no AWS region configured: set AWS_REGION (or AWS_DEFAULT_REGION, or a profile with a"
              + " region)",
          e);
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

  public StsDefaultTopic defaultTopic() {
    return new StsDefaultTopic(this::sts, region.id());
  }

  /** Built on first use: only a deployment without DDNS_ALERT_TOPIC_ARN ever needs it. */
  private synchronized StsClient sts() {
    if (sts == null) {
      sts = configure(StsClient.builder(), settings, credentials, common, region).build();
    }
    return sts;
  }

  @Override
  public void close() {
    ec2.close();
    route53.close();
    dynamoDb.close();
    sns.close();
    synchronized (this) {
      if (sts != null) {
        sts.close();
      }
      credentialClients.forEach(StsClient::close);
    }
    http.close();
  }
}
