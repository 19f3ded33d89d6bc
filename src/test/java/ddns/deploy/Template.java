package ddns.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The infrastructure template, read as data (it uses the long form of intrinsics, so plain YAML).
 */
public final class Template {
  static final Path FILE = Path.of("template.yaml");
  static final Path MEMBER = Path.of("template-member.yaml");
  private final JsonNode root;

  private Template(JsonNode root) {
    this.root = root;
  }

  public static Template read() {
    return read(FILE);
  }

  /** The member accounts' template, template-member.yaml. */
  public static Template member() {
    return read(MEMBER);
  }

  private static Template read(Path file) {
    try {
      return new Template(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode resource(String name) {
    JsonNode node = root.path("Resources").path(name);
    if (node.isMissingNode()) {
      throw new AssertionError("template has no resource " + name);
    }
    return node;
  }

  JsonNode function() {
    return resource("DdnsFunction").path("Properties");
  }

  /**
   * The IAM actions the function's own policy allows (the platform's SQS poller policy aside), with
   * the stack's default parameters: a statement behind {@code Fn::If} counts when its condition
   * holds with them.
   */
  public Set<String> allowedActions() {
    return allowedActions(Map.of());
  }

  /** The same, with some parameters set ({@code DeleteEmptyReverseZones=true}). */
  public Set<String> allowedActions(Map<String, String> parameters) {
    return actions(true, parameters);
  }

  /** The actions allowed whatever the switches: statements not behind a condition. */
  Set<String> allowedActionsOutsideConditions() {
    return actions(false, Map.of());
  }

  private Set<String> actions(boolean withConditional, Map<String, String> parameters) {
    Set<String> actions = new TreeSet<>();
    for (JsonNode policy : function().path("Policies")) {
      for (JsonNode entry : policy.path("Statement")) {
        JsonNode statement = entry;
        if (entry.has("Fn::If")) {
          if (!withConditional || !holds(entry.path("Fn::If").get(0).asText(), parameters)) {
            continue;
          }
          statement = entry.path("Fn::If").get(1);
        }
        if (statement.path("Effect").asText().equals("Allow")) {
          statement.path("Action").forEach(a -> actions.add(a.asText()));
        }
      }
    }
    return actions;
  }

  /**
   * The statement {@code sid} of the function's policy, which must stand behind {@code Fn::If} on
   * {@code condition} (with nothing in its place when the condition is false).
   */
  JsonNode conditionalStatement(String condition, String sid) {
    for (JsonNode policy : function().path("Policies")) {
      for (JsonNode entry : policy.path("Statement")) {
        JsonNode branches = entry.path("Fn::If");
        if (branches.isArray() && branches.get(1).path("Sid").asText().equals(sid)) {
          if (!branches.get(0).asText().equals(condition)
              || !branches.get(2).path("Ref").asText().equals("AWS::NoValue")) {
            throw new AssertionError(sid + " is not behind Fn::If " + condition + " / NoValue");
          }
          return branches.get(1);
        }
      }
    }
    throw new AssertionError("no statement " + sid + " behind Fn::If " + condition);
  }

  /**
   * The actions an {@code AWS::IAM::Role} resource's inline policies allow, or none when the
   * resource's condition does not hold with these parameters (pseudo parameters such as {@code
   * AWS::Region} among them).
   */
  public Set<String> roleActions(String role, Map<String, String> parameters) {
    JsonNode resource = resource(role);
    if (resource.has("Condition") && !holds(resource.path("Condition").asText(), parameters)) {
      return Set.of();
    }
    Set<String> actions = new TreeSet<>();
    for (JsonNode policy : resource.path("Properties").path("Policies")) {
      for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
        if (statement.path("Effect").asText().equals("Allow")) {
          JsonNode action = statement.path("Action");
          if (action.isArray()) {
            action.forEach(a -> actions.add(a.asText()));
          } else {
            actions.add(action.asText());
          }
        }
      }
    }
    return actions;
  }

  /** A condition with these parameters (the stack's defaults for the others). */
  boolean holds(String condition, Map<String, String> parameters) {
    return evaluate(root.path("Conditions").path(condition), parameters, condition);
  }

  /**
   * {@code Fn::Equals} of parameters and values, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}.
   */
  private boolean evaluate(JsonNode node, Map<String, String> parameters, String name) {
    if (node.has("Condition")) {
      return holds(node.path("Condition").asText(), parameters);
    }
    if (node.has("Fn::Not")) {
      return !evaluate(node.path("Fn::Not").get(0), parameters, name);
    }
    if (node.has("Fn::And")) {
      boolean all = true;
      for (JsonNode part : node.path("Fn::And")) {
        all &= evaluate(part, parameters, name);
      }
      return all;
    }
    if (node.has("Fn::Or")) {
      boolean any = false;
      for (JsonNode part : node.path("Fn::Or")) {
        any |= evaluate(part, parameters, name);
      }
      return any;
    }
    JsonNode equals = node.path("Fn::Equals");
    if (!equals.isArray()) {
      throw new AssertionError(name + " is not made of parameters compared with values");
    }
    return value(equals.get(0), parameters, name).equals(value(equals.get(1), parameters, name));
  }

  private String value(JsonNode operand, Map<String, String> parameters, String name) {
    if (operand.isTextual()) {
      return operand.asText();
    }
    String parameter = operand.path("Ref").asText();
    if (parameter.isEmpty()) {
      throw new AssertionError(name + " compares something other than a parameter");
    }
    return parameters.containsKey(parameter) ? parameters.get(parameter) : defaultOf(parameter);
  }

  /** A parameter's default, as text. */
  public String defaultOf(String parameter) {
    JsonNode value = root.path("Parameters").path(parameter).path("Default");
    if (value.isMissingNode()) {
      throw new AssertionError("template has no default for " + parameter);
    }
    return value.asText();
  }

  Set<String> parameters() {
    Set<String> names = new TreeSet<>();
    root.path("Parameters").fieldNames().forEachRemaining(names::add);
    return names;
  }
}
