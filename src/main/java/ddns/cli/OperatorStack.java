package ddns.cli;

import ddns.aws.AwsClients;
import ddns.aws.AwsSettings;
import ddns.aws.OperatorServices;
import ddns.aws.cloudformation.DeployedStack;
import java.util.Map;

/**
 * A deployed stack and the operator's services on it, for the commands that manage the stack itself
 * (status, redrive, uninstall): read once, with the command's AWS settings; closes its clients.
 */
final class OperatorStack implements AutoCloseable {
  final AwsClients clients;
  final OperatorServices services;
  final DeployedStack stack;

  private OperatorStack(AwsClients clients, DeployedStack stack) {
    this.clients = clients;
    this.services = new OperatorServices(clients);
    this.stack = stack;
  }

  /**
   * @throws IllegalArgumentException when no stack is named, or it is not found
   */
  static OperatorStack open(Map<String, String> env, String stackName, String command) {
    if (stackName.isEmpty()) {
      throw new IllegalArgumentException(
          command + " works on a deployed stack: name it with --stack NAME or DDNS_STACK");
    }
    AwsClients clients = new AwsClients(AwsSettings.fromEnvironment(env));
    try {
      return new OperatorStack(clients, new OperatorServices(clients).stacks().read(stackName));
    } catch (RuntimeException e) {
      clients.close();
      throw e;
    }
  }

  /**
   * An output of the stack.
   *
   * @throws IllegalArgumentException when the stack lacks it (made from an older template)
   */
  String output(String key) {
    return stack
        .output(key)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "stack '"
                        + stack.name()
                        + "' has no output "
                        + key
                        + ": update it with this version's template.yaml"));
  }

  @Override
  public void close() {
    clients.close();
  }
}
