package ddns.aws;

import ddns.aws.autoscaling.AutoScalingGroupTags;
import ddns.aws.autoscaling.AutoScalingLifecycleActions;
import ddns.aws.dynamodb.DynamoDbGroupNumbers;
import ddns.aws.dynamodb.DynamoDbRegistry;
import ddns.aws.ec2.Ec2Workplaces;
import ddns.aws.route53.Route53DnsZones;
import ddns.aws.sns.SnsAlerts;
import ddns.aws.sqs.SqsFollowUps;
import ddns.aws.sts.StsDefaultTopic;
import ddns.config.Reach;
import ddns.facts.Workplace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
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
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
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
  private final ClientOverrideConfiguration paced;
  private final RateLimiter route53Pacing;
  private volatile Workplace home;
  private String ownAccount;
  private final Map<String, AwsCredentialsProvider> memberCredentials = new HashMap<>();
  private final List<StsAssumeRoleCredentialsProvider> memberProviders = new ArrayList<>();
  private final Map<Workplace, Ec2Client> workplaceEc2 = new HashMap<>();
  private final Map<String, Route53Client> accountRoute53 = new HashMap<>();
  private final Map<Workplace, AutoScalingClient> workplaceAutoScaling = new HashMap<>();
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
    this.ec2 = configure(Ec2Client.builder(), settings, credentials, common, region).build();
    this.route53Pacing = route53Pacing;
    this.paced = pacedBy(route53Pacing);
    this.route53 =
        configure(Route53Client.builder(), settings, credentials, paced, Region.AWS_GLOBAL).build();
    this.dynamoDb =
        configure(DynamoDbClient.builder(), settings, credentials, common, region).build();
    this.sns = configure(SnsClient.builder(), settings, credentials, common, region).build();
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

  /**
   * A client of a service only the operator's commands call (CloudFormation, Lambda, SQS,
   * EventBridge), built like the others, in the tool's region; closed with these clients.
   */
  public synchronized <
          C extends SdkClient, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>>
      C operatorClient(B builder) {
    C client = configure(builder, settings, credentials, common, region).build();
    operatorClients.add(client);
    return client;
  }

  /** The same for a global service (Route 53), in the global region as the tool's own. */
  public synchronized <
          C extends SdkClient, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>>
      C globalOperatorClient(B builder) {
    C client = configure(builder, settings, credentials, common, Region.AWS_GLOBAL).build();
    operatorClients.add(client);
    return client;
  }

  public ApiCallCounter counter() {
    return counter;
  }

  /** EC2 of every workplace served, each id routed to its own. */
  public Ec2Workplaces instanceSource() {
    return new Ec2Workplaces(this::ec2, this::home);
  }

  public Route53DnsZones dnsZones() {
    return dnsZones("");
  }

  /** Route 53 for the installation whose registry is the table {@code registry}. */
  public Route53DnsZones dnsZones(String registry) {
    return new Route53DnsZones(
        route53,
        region.id(),
        new Route53DnsZones.Accounts() {
          @Override
          public boolean isOwn(String account) {
            return isOwnAccount(account);
          }

          @Override
          public Route53Client route53(String account) {
            return AwsClients.this.route53(account);
          }
        },
        registry);
  }

  /** Where the tool runs, and the accounts of its organization. */
  public AwsWorkplaces workplaces() {
    return new AwsWorkplaces(
        this::home,
        this::ownAccount,
        () ->
            new OrganizationAccounts(
                    http,
                    credentials,
                    settings.endpoint(),
                    partition(),
                    counter,
                    common.retryStrategy().orElseThrow())
                .active(),
        java.time.Clock.systemUTC());
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
    Workplace own = home();
    if (where.equals(own)) {
      return ec2;
    }
    return workplaceEc2.computeIfAbsent(
        where,
        w ->
            configure(
                    Ec2Client.builder(),
                    settings,
                    credentialsOf(w.account()),
                    isOwnAccount(w.account()) ? common : asMember(common),
                    Region.of(w.region()))
                .build());
  }

  /**
   * Auto Scaling of the workplace, built on first use (only lifecycle actions need it) and kept; in
   * another account as its member role.
   */
  public synchronized AutoScalingClient autoScaling(Workplace where) {
    return workplaceAutoScaling.computeIfAbsent(
        where,
        w ->
            configure(
                    AutoScalingClient.builder(),
                    settings,
                    credentialsOf(w.account()),
                    isOwnAccount(w.account()) ? common : asMember(common),
                    Region.of(w.region()))
                .build());
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
    return accountRoute53.computeIfAbsent(
        account,
        a ->
            configure(
                    Route53Client.builder(),
                    settings,
                    credentialsOf(a),
                    // Each account has its own Route 53 request budget: its own bucket.
                    asMember(pacedBy(route53Pacing == null ? null : route53Pacing.another())),
                    Region.AWS_GLOBAL)
                .build());
  }

  /**
   * The configuration of a client acting as a member role: its calls are counted apart ({@code
   * "EC2.DescribeInstances as member"}), as they spend that role's permissions and, for Route 53,
   * that account's request budget.
   */
  private ClientOverrideConfiguration asMember(ClientOverrideConfiguration base) {
    List<ExecutionInterceptor> interceptors = new ArrayList<>(base.executionInterceptors());
    interceptors.replaceAll(i -> i == counter ? counter.labelled(" as member") : i);
    return base.toBuilder().executionInterceptors(interceptors).build();
  }

  /** Whether the account is the tool's own. */
  public boolean isOwnAccount(String account) {
    return account.equals(home().account());
  }

  /**
   * The tool's own credentials for its account; for another, the member role there, assumed with
   * the tool's credentials and kept (the provider refreshes them before they expire).
   */
  private AwsCredentialsProvider credentialsOf(String account) {
    if (isOwnAccount(account)) {
      return credentials;
    }
    return memberCredentials.computeIfAbsent(account, this::memberRole);
  }

  private String partition() {
    return region.metadata() == null ? "aws" : region.metadata().partition().id();
  }

  private AwsCredentialsProvider memberRole(String account) {
    String roleArn = "arn:" + partition() + ":iam::" + account + ":role/" + reach.memberRoleName();
    StsAssumeRoleCredentialsProvider assumed =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts())
            .refreshRequest(
                r -> {
                  r.roleArn(roleArn).roleSessionName("route53-ddns");
                  reach.externalId().ifPresent(r::externalId);
                })
            .build();
    memberProviders.add(assumed);
    return () -> {
      try {
        return assumed.resolveCredentials();
      } catch (SdkException e) {
        throw SdkClientException.create(
            "cannot assume "
                + roleArn
                + " ("
                + AwsCall.describe("STS.AssumeRole", e)
                + "): deploy the member template in account "
                + account
                + " trusting this tool's role, or check DDNS_MEMBER_ROLE_NAME and"
                + " DDNS_MEMBER_EXTERNAL_ID",
            e);
      }
    };
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
      sqs = configure(SqsClient.builder(), settings, credentials, common, region).build();
    }
    return sqs;
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
      if (sqs != null) {
        sqs.close();
      }
      credentialClients.forEach(StsClient::close);
      workplaceEc2.values().forEach(Ec2Client::close);
      accountRoute53.values().forEach(Route53Client::close);
      workplaceAutoScaling.values().forEach(AutoScalingClient::close);
      memberProviders.forEach(StsAssumeRoleCredentialsProvider::close);
      operatorClients.forEach(SdkAutoCloseable::close);
    }
    http.close();
  }
}
