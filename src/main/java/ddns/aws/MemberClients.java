package ddns.aws;

import ddns.config.Reach;
import ddns.facts.Workplace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The clients of the workplaces and accounts other than the tool's own client's: one per workplace
 * (EC2, Auto Scaling) or account (Route 53), built on first use and kept. In another account they
 * act as its member role, assumed with the tool's credentials through one provider per account (the
 * SDK's, which refreshes them before they expire), and their calls are counted apart ({@code
 * "EC2.DescribeInstances as member"}): they spend that role's permissions and, for Route 53, that
 * account's request budget.
 */
final class MemberClients implements AutoCloseable {
  /** Builds a client as {@link AwsClients} builds its own: HTTP client, endpoint, region. */
  interface Builder {
    <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(
        B builder,
        AwsCredentialsProvider credentials,
        ClientOverrideConfiguration override,
        Region region);
  }

  private final Builder build;
  private final AwsCredentialsProvider own;
  private final Predicate<String> isOwnAccount;
  private final Supplier<StsClient> sts;
  private final String partition;
  private final Reach reach;
  private final ApiCallCounter counter;
  private final Map<String, AwsCredentialsProvider> credentials = new HashMap<>();
  private final List<StsAssumeRoleCredentialsProvider> providers = new ArrayList<>();
  private final Map<Workplace, Ec2Client> ec2 = new HashMap<>();
  private final Map<String, Route53Client> route53 = new HashMap<>();
  private final Map<Workplace, AutoScalingClient> autoScaling = new HashMap<>();

  /**
   * @param own the tool's own credentials
   * @param sts the STS client that assumes the member roles
   */
  MemberClients(
      Builder build,
      AwsCredentialsProvider own,
      Predicate<String> isOwnAccount,
      Supplier<StsClient> sts,
      String partition,
      Reach reach,
      ApiCallCounter counter) {
    this.build = build;
    this.own = own;
    this.isOwnAccount = isOwnAccount;
    this.sts = sts;
    this.partition = partition;
    this.reach = reach;
    this.counter = counter;
  }

  /** EC2 of the workplace, as its account. */
  synchronized Ec2Client ec2(Workplace where, ClientOverrideConfiguration common) {
    return ec2.computeIfAbsent(
        where, w -> client(Ec2Client.builder(), w.account(), common, Region.of(w.region())));
  }

  /** Auto Scaling of the workplace, as its account. */
  synchronized AutoScalingClient autoScaling(Workplace where, ClientOverrideConfiguration common) {
    return autoScaling.computeIfAbsent(
        where,
        w -> client(AutoScalingClient.builder(), w.account(), common, Region.of(w.region())));
  }

  /**
   * Route 53 as another account, paced by that account's own bucket.
   *
   * @param paced the configuration with the account's own pacing
   */
  synchronized Route53Client route53(String account, Supplier<ClientOverrideConfiguration> paced) {
    return route53.computeIfAbsent(
        account, a -> client(Route53Client.builder(), a, paced.get(), Region.AWS_GLOBAL));
  }

  private <C, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C client(
      B builder, String account, ClientOverrideConfiguration common, Region region) {
    boolean ownAccount = isOwnAccount.test(account);
    return build
        .configure(
            builder,
            ownAccount ? own : credentials.computeIfAbsent(account, this::memberRole),
            ownAccount ? common : asMember(common),
            region)
        .build();
  }

  /** The configuration with the call counter labelled {@code " as member"}. */
  private ClientOverrideConfiguration asMember(ClientOverrideConfiguration base) {
    List<ExecutionInterceptor> interceptors = new ArrayList<>(base.executionInterceptors());
    interceptors.replaceAll(i -> i == counter ? counter.labelled(" as member") : i);
    return base.toBuilder().executionInterceptors(interceptors).build();
  }

  private AwsCredentialsProvider memberRole(String account) {
    String roleArn = "arn:" + partition + ":iam::" + account + ":role/" + reach.memberRoleName();
    StsAssumeRoleCredentialsProvider assumed =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts.get())
            .refreshRequest(
                r -> {
                  r.roleArn(roleArn).roleSessionName("route53-ddns");
                  reach.externalId().ifPresent(r::externalId);
                })
            .build();
    providers.add(assumed);
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

  @Override
  public synchronized void close() {
    ec2.values().forEach(Ec2Client::close);
    route53.values().forEach(Route53Client::close);
    autoScaling.values().forEach(AutoScalingClient::close);
    providers.forEach(StsAssumeRoleCredentialsProvider::close);
  }
}
