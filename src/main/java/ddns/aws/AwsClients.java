package ddns.aws;

import ddns.aws.autoscaling.AutoScalingGroupTags;
import ddns.aws.autoscaling.AutoScalingLifecycleActions;
import ddns.aws.dynamodb.DynamoDbGroupNumbers;
import ddns.aws.dynamodb.DynamoDbRegistry;
import ddns.aws.ec2.Ec2Workplaces;
import ddns.aws.ec2.VpcCache;
import ddns.aws.route53.Route53DnsZones;
import ddns.aws.route53.Route53ZoneDirectory;
import ddns.aws.route53.ZoneCache;
import ddns.aws.sns.SnsAlerts;
import ddns.aws.sqs.SqsFollowUps;
import ddns.aws.sts.StsDefaultTopic;
import ddns.config.Reach;
import ddns.facts.Workplace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

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
  private SqsClient sqs;
  private final Reach reach;
  private final RateLimiter route53Pacing;
  private volatile Workplace home;
  private String ownAccount;
  private final MemberClients members;
  private final List<SdkAutoCloseable> operatorClients = new ArrayList<>();

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
    this(settings, retries, route53Pacing, Reach.ownOnly());
  }

  /**
   * @param reach the other accounts and regions served, and the role that reaches another account
   */
  public AwsClients(AwsSettings settings, Retries retries, RateLimiter route53Pacing, Reach reach) {
    this.reach = reach;
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
    this.ec2 = configure(Ec2Client.builder(), credentials, common, region).build();
    this.route53Pacing = route53Pacing;
    this.route53 =
        configure(Route53Client.builder(), credentials, pacedBy(route53Pacing), Region.AWS_GLOBAL)
            .build();
    this.dynamoDb = configure(DynamoDbClient.builder(), credentials, common, region).build();
    this.sns = configure(SnsClient.builder(), credentials, common, region).build();
    this.members =
        new MemberClients(
            this::configure,
            credentials,
            this::isOwnAccount,
            this::sts,
            partition(),
            reach,
            counter);
  }

  /** The common configuration, with every request attempt taking a token of {@code pacing}. */
  private ClientOverrideConfiguration pacedBy(RateLimiter pacing) {
    if (pacing == null) {
      return common;
    }
    return common.toBuilder()
        .addExecutionInterceptor(
            new ExecutionInterceptor() {
              @Override
              public void beforeTransmission(
                  Context.BeforeTransmission context, ExecutionAttributes attributes) {
                pacing.acquire();
              }
            })
        .build();
  }

  private <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(
      B builder,
      AwsCredentialsProvider credentials,
      ClientOverrideConfiguration override,
      Region clientRegion) {
    builder
        .httpClient(http)
        .region(clientRegion)
        .credentialsProvider(credentials)
        .overrideConfiguration(override);
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder;
  }

  /**
   * An STS client for assuming a role with {@code source}, built like the others, in the clients'
   * region (set before the credentials are looked for).
   */
  private synchronized StsClient credentialsSts(AwsCredentialsProvider source) {
    StsClient client = configure(StsClient.builder(), source, common, region).build();
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

  /**
   * A client of a service only the operator's commands call (CloudFormation, Lambda, SQS,
   * EventBridge), built like the others, in the tool's region; closed with these clients.
   */
  public synchronized <
          C extends SdkClient, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>>
      C operatorClient(B builder) {
    C client = configure(builder, credentials, common, region).build();
    operatorClients.add(client);
    return client;
  }

  /** The same for a global service (Route 53), in the global region as the tool's own. */
  public synchronized <
          C extends SdkClient, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>>
      C globalOperatorClient(B builder) {
    C client = configure(builder, credentials, common, Region.AWS_GLOBAL).build();
    operatorClients.add(client);
    return client;
  }

  public ApiCallCounter counter() {
    return counter;
  }

  /** EC2 of every workplace served, each id routed to its own; VPC settings never kept. */
  public Ec2Workplaces instanceSource() {
    return instanceSource(VpcCache.none());
  }

  /** EC2 of every workplace served, VPC settings kept in {@code vpcs}. */
  public Ec2Workplaces instanceSource(VpcCache vpcs) {
    return new Ec2Workplaces(this::ec2, this::home, vpcs);
  }

  /** Route 53's zone lists, never kept. */
  public Route53ZoneDirectory zoneDirectory() {
    return zoneDirectory("", ZoneCache.none());
  }

  /**
   * Route 53's zone lists for the installation whose registry is the table {@code registry}, kept
   * in {@code cache} (shared with {@link #dnsZones(String, ZoneCache)}).
   */
  public Route53ZoneDirectory zoneDirectory(String registry, ZoneCache cache) {
    return new Route53ZoneDirectory(route53, region.id(), route53Accounts(), registry, cache);
  }

  public Route53DnsZones dnsZones() {
    return dnsZones("", ZoneCache.none());
  }

  /**
   * Route 53 for the installation whose registry is the table {@code registry}; the zones it
   * changes go into {@code cache}.
   */
  public Route53DnsZones dnsZones(String registry, ZoneCache cache) {
    return new Route53DnsZones(route53, region.id(), route53Accounts(), registry, cache);
  }

  private Route53DnsZones.Accounts route53Accounts() {
    return Route53DnsZones.Accounts.of(this::isOwnAccount, this::route53);
  }

  /** Where the tool runs, and the accounts of its organization. */
  public AwsWorkplaces workplaces() {
    var retries = common.retryStrategy().orElseThrow();
    var organization =
        new OrganizationAccounts(
            http, credentials, settings.endpoint(), partition(), counter, retries);
    return new AwsWorkplaces(
        this::home, this::ownAccount, organization::active, java.time.Clock.systemUTC());
  }

  /**
   * The tool's own workplace: its region, and its account from STS {@code GetCallerIdentity} when
   * it serves another account or region (else not looked up: {@link Workplace#own}).
   */
  public Workplace home() {
    Workplace known = home;
    if (known == null) {
      known =
          reach.beyondOwn()
              ? new Workplace(
                  AwsCall.run("STS.GetCallerIdentity", () -> sts().getCallerIdentity().account()),
                  region.id())
              : Workplace.own(region.id());
      home = known;
    }
    return known;
  }

  /** The account the tool runs in: STS {@code GetCallerIdentity}, once per container. */
  public synchronized String ownAccount() {
    Workplace known = home();
    if (Workplace.isAccount(known.account())) {
      return known.account();
    }
    if (ownAccount == null) {
      ownAccount = AwsCall.run("STS.GetCallerIdentity", () -> sts().getCallerIdentity().account());
    }
    return ownAccount;
  }

  /** EC2 of the workplace: the tool's own client, or one built for it (kept). */
  public synchronized Ec2Client ec2(Workplace where) {
    return where.equals(home()) ? ec2 : members.ec2(where, common);
  }

  /**
   * Auto Scaling of the workplace, built on first use (only lifecycle actions need it) and kept; in
   * another account as its member role.
   */
  public synchronized AutoScalingClient autoScaling(Workplace where) {
    return members.autoScaling(where, common);
  }

  /** The tags of Auto Scaling groups, read in each group's workplace. */
  public AutoScalingGroupTags groupTags() {
    return new AutoScalingGroupTags(this::autoScaling, this::home);
  }

  /** Lifecycle actions, completed in the workplace of each instance. */
  public AutoScalingLifecycleActions lifecycleActions() {
    return new AutoScalingLifecycleActions(this::autoScaling, this::home);
  }

  /** Route 53 as the account: the tool's own client, or one with the account's member role. */
  public synchronized Route53Client route53(String account) {
    if (account.equals(home().account())) {
      return route53;
    }
    // Each account has its own Route 53 request budget: its own bucket.
    return members.route53(
        account, () -> pacedBy(route53Pacing == null ? null : route53Pacing.another()));
  }

  /** Whether the account is the tool's own. */
  public boolean isOwnAccount(String account) {
    return account.equals(home().account());
  }

  private String partition() {
    return region.metadata() == null ? "aws" : region.metadata().partition().id();
  }

  public DynamoDbGroupNumbers groupNumbers(String tableName) {
    return new DynamoDbGroupNumbers(dynamoDb, tableName);
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

  /** Follow-up messages on the tool's own queue; the SQS client is built on first use. */
  public SqsFollowUps followUps(String queueUrl) {
    return new SqsFollowUps(this::sqsClient, queueUrl);
  }

  private synchronized SqsClient sqsClient() {
    if (sqs == null) {
      sqs = configure(SqsClient.builder(), credentials, common, region).build();
    }
    return sqs;
  }

  /** Built on first use: only a deployment without DDNS_ALERT_TOPIC_ARN ever needs it. */
  private synchronized StsClient sts() {
    if (sts == null) {
      sts = configure(StsClient.builder(), credentials, common, region).build();
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
      if (sqs != null) {
        sqs.close();
      }
      credentialClients.forEach(StsClient::close);
      members.close();
      operatorClients.forEach(SdkAutoCloseable::close);
    }
    http.close();
  }
}
