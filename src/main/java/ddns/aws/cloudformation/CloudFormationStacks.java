package ddns.aws.cloudformation;

import ddns.failure.ServiceFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;

/**
 * Reads a deployed stack: {@code DescribeStacks} (status, outputs) and {@code ListStackResources}
 * (every resource, paged). Read-only; safe to repeat.
 */
public final class CloudFormationStacks {
  private final CloudFormationClient cloudFormation;

  public CloudFormationStacks(CloudFormationClient cloudFormation) {
    this.cloudFormation = cloudFormation;
  }

  /**
   * @throws IllegalArgumentException when no stack of that name exists (CloudFormation answers
   *     {@code ValidationError}), naming it
   * @throws ServiceFailure when CloudFormation cannot be read after the SDK's retries
   */
  public DeployedStack read(String name) {
    Stack stack;
    try {
      stack = cloudFormation.describeStacks(r -> r.stackName(name)).stacks().get(0);
    } catch (CloudFormationException e) {
      if ("ValidationError".equals(e.awsErrorDetails().errorCode())) {
        throw new IllegalArgumentException(
            "stack '"
                + name
                + "' not found in this account and region: "
                + e.awsErrorDetails().errorMessage(),
            e);
      }
      throw new ServiceFailure("CloudFormation DescribeStacks " + name, e);
    } catch (SdkException e) {
      throw new ServiceFailure("CloudFormation DescribeStacks " + name, e);
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    for (Output output : stack.outputs()) {
      outputs.put(output.outputKey(), output.outputValue());
    }
    List<DeployedStack.Resource> resources = new ArrayList<>();
    try {
      for (StackResourceSummary r :
          cloudFormation
              .listStackResourcesPaginator(b -> b.stackName(name))
              .stackResourceSummaries()) {
        resources.add(
            new DeployedStack.Resource(
                r.logicalResourceId(), r.resourceType(), r.physicalResourceId()));
      }
    } catch (SdkException e) {
      throw new ServiceFailure("CloudFormation ListStackResources " + name, e);
    }
    return new DeployedStack(stack.stackName(), stack.stackStatusAsString(), outputs, resources);
  }
}
