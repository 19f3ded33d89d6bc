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
  private final JsonNode root;

  private Template(JsonNode root) {
    this.root = root;
  }

  public static Template read() {
    try {
      return new Template(new ObjectMapper(new YAMLFactory()).readTree(FILE.toFile()));
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

  /** A switch condition ({@code Fn::Equals} of a parameter and a value) with these parameters. */
  private boolean holds(String condition, Map<String, String> parameters) {
    JsonNode equals = root.path("Conditions").path(condition).path("Fn::Equals");
    String parameter = equals.get(0).path("Ref").asText();
    if (!equals.isArray() || parameter.isEmpty()) {
      throw new AssertionError(condition + " is not a switch of one parameter");
    }
    String value = parameters.getOrDefault(parameter, defaultOf(parameter));
    return value.equals(equals.get(1).asText());
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
