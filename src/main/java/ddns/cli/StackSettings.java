package ddns.cli;

import ddns.aws.AwsClients;
import ddns.aws.AwsSettings;
import ddns.aws.OperatorServices;
import ddns.aws.cloudformation.DeployedStack;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of the function a stack deployed ({@code --stack}, {@code DDNS_STACK}): its {@code
 * DDNS_*} environment variables, read from Lambda for the stack's {@code DdnsFunction}. A command
 * run with them acts on the function's registry, topic, zones, policy and accounts.
 */
final class StackSettings {
  /** The function's logical id in template.yaml. */
  static final String FUNCTION = "DdnsFunction";

  private StackSettings() {}

  /** The stack named by {@code --stack}, else by {@code DDNS_STACK}; empty when neither. */
  static String stackName(String option, Map<String, String> env) {
    if (option != null && !option.isBlank()) {
      return option.strip();
    }
    String variable = env.get("DDNS_STACK");
    return variable == null ? "" : variable.strip();
  }

  /**
   * {@code env} with the stack's function's {@code DDNS_*} settings in place of its own: the stack
   * wins, and each variable of {@code env} it overrides with another value is named on {@code err}.
   */
  static Map<String, String> apply(Map<String, String> env, String stackName, PrintWriter err) {
    Map<String, String> function;
    try (AwsClients clients = new AwsClients(AwsSettings.fromEnvironment(env))) {
      OperatorServices services = new OperatorServices(clients);
      DeployedStack stack = services.stacks().read(stackName);
      String name =
          stack
              .physicalId(FUNCTION)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "stack '"
                              + stackName
                              + "' has no "
                              + FUNCTION
                              + ": not a route53-ddns stack (template.yaml)"));
      function = services.functions().environment(name);
    }
    return merged(env, function, stackName, err);
  }

  /** The merge alone, for tests: the function's DDNS_* variables over {@code env}. */
  static Map<String, String> merged(
      Map<String, String> env, Map<String, String> function, String stackName, PrintWriter err) {
    Map<String, String> result = new HashMap<>(env);
    new TreeMap<>(function)
        .forEach(
            (name, value) -> {
              if (!name.startsWith("DDNS_")) {
                return;
              }
              String own = env.get(name);
              if (own != null && !own.equals(value)) {
                err.println(
                    "ddns: "
                        + name
                        + "='"
                        + own
                        + "' from the environment ignored: stack "
                        + stackName
                        + "'s function uses '"
                        + value
                        + "'");
              }
              result.put(name, value);
            });
    err.flush();
    return result;
  }
}
