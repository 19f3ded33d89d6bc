package ddns.aws.cloudformation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployed stack as CloudFormation describes it: its outputs, and its resources by logical id.
 *
 * @param status such as {@code CREATE_COMPLETE}, {@code UPDATE_ROLLBACK_COMPLETE}
 */
public record DeployedStack(
    String name, String status, Map<String, String> outputs, List<Resource> resources) {

  /** One resource of the stack: its logical id in the template, its type, its physical id. */
  public record Resource(String logicalId, String type, String physicalId) {}

  public DeployedStack {
    outputs = Map.copyOf(outputs);
    resources = List.copyOf(resources);
  }

  /** The physical id of the resource with this logical id, when the stack has it. */
  public Optional<String> physicalId(String logicalId) {
    return resources.stream()
        .filter(r -> r.logicalId().equals(logicalId))
        .map(Resource::physicalId)
        .findFirst();
  }

  /**
   * The resources of one type ({@code AWS::Events::Rule}), in the order CloudFormation lists them.
   */
  public List<Resource> ofType(String type) {
    return resources.stream().filter(r -> r.type().equals(type)).toList();
  }

  public Optional<String> output(String key) {
    return Optional.ofNullable(outputs.get(key));
  }
}
