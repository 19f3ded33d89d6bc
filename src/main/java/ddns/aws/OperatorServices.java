package ddns.aws;

import ddns.aws.cloudformation.CloudFormationStacks;
import ddns.aws.lambda.LambdaFunctions;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

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
}
