package ddns.aws;

import ddns.aws.cloudformation.CloudFormationStacks;
import ddns.aws.cloudwatch.CloudWatchMetrics;
import ddns.aws.eventbridge.EventBridgeRules;
import ddns.aws.lambda.LambdaFunctions;
import ddns.aws.route53.HostedZoneQuota;
import ddns.aws.sqs.SqsQueues;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The adapters only the operator's commands use (a deployed stack, its function, queues and rules),
 * on clients {@link AwsClients} builds like its own and closes with them. The Lambda handler never
 * builds one.
 */
public final class OperatorServices {
  private final AwsClients clients;

  public OperatorServices(AwsClients clients) {
    this.clients = clients;
  }

  public CloudFormationStacks stacks() {
    return new CloudFormationStacks(clients.operatorClient(CloudFormationClient.builder()));
  }

  public LambdaFunctions functions() {
    return new LambdaFunctions(clients.operatorClient(LambdaClient.builder()));
  }

  public SqsQueues queues() {
    return new SqsQueues(clients.operatorClient(SqsClient.builder()));
  }

  public EventBridgeRules rules() {
    return new EventBridgeRules(clients.operatorClient(EventBridgeClient.builder()));
  }

  public CloudWatchMetrics metrics() {
    return new CloudWatchMetrics(clients.operatorClient(CloudWatchClient.builder()));
  }

  /** Route 53 is global: its client is built for the global region, as the tool's own is. */
  public HostedZoneQuota hostedZoneQuota() {
    return new HostedZoneQuota(clients.globalOperatorClient(Route53Client.builder()));
  }
}
