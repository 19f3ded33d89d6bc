package ddns.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The infrastructure template, read as data (it uses the long form of intrinsics, so plain YAML).
 */
public final class Template {
  static final Path FILE = Path.of("template.yaml");
  static final Path MEMBER = Path.of("template-member.yaml");
  private static final Path PYTHON = Path.of(".venv/bin/python");
  private static final Path EXPAND = Path.of("tools/sam_expand.py");
  private static final Map<Map<String, String>, Template> EXPANDED = new ConcurrentHashMap<>();
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

  /**
   * template.yaml as CloudFormation deploys it: expanded by the SAM translator (tools/sam_expand.py
   * in the project's venv), with these parameters and the defaults for the others. Expanded once
   * per set of parameters.
   */
  public static Template expanded(Map<String, String> parameters) {
    return EXPANDED.computeIfAbsent(new TreeMap<>(parameters), Template::expand);
  }

  public static Template expanded() {
    return expanded(Map.of());
  }

  private static Template expand(Map<String, String> parameters) {
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), EXPAND.toString()));
    command.add(FILE.toString());
    parameters.forEach((name, value) -> command.add(name + "=" + value));
    try {
      Path out = Files.createTempFile("expanded", ".json");
      Path err = Files.createTempFile("expanded", ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new AssertionError(
            "the SAM translator refused template.yaml with "
                + parameters
                + ":\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      Template template = new Template(new ObjectMapper().readTree(out.toFile()));
      Files.delete(out);
      Files.delete(err);
      return template;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while expanding the template", e);
    }
  }

  /** The template as text, as written (for what must never appear in it). */
  public static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole template as JSON text. */
  String json() {
    return root.toString();
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
    for (JsonNode statement : statements(CODE_POLICY, withConditional, parameters)) {
      if (statement.path("Effect").asText().equals("Allow")) {
        actions(statement).forEach(actions::add);
      }
    }
    return actions;
  }

  /** The function role's policy of what the code calls. */
  static final String CODE_POLICY = "route53-ddns";

  /** The function role's policy of what Lambda does for the function. */
  static final String PLATFORM_POLICY = "lambda-platform";

  /**
   * The statements of one of the function role's inline policies with these parameters: one behind
   * {@code Fn::If} counts when its condition holds (and only then, unless {@code withConditional}
   * is false, when it never counts).
   */
  List<JsonNode> statements(
      String policyName, boolean withConditional, Map<String, String> parameters) {
    List<JsonNode> statements = new ArrayList<>();
    for (JsonNode policy : resource("DdnsFunctionRole").path("Properties").path("Policies")) {
      if (!policy.path("PolicyName").asText().equals(policyName)) {
        continue;
      }
      for (JsonNode entry : policy.path("PolicyDocument").path("Statement")) {
        JsonNode statement = entry;
        if (entry.has("Fn::If")) {
          if (!withConditional || !holds(entry.path("Fn::If").get(0).asText(), parameters)) {
            continue;
          }
          statement = entry.path("Fn::If").get(1);
        }
        statements.add(statement);
      }
    }
    return statements;
  }

  private static List<String> actions(JsonNode statement) {
    JsonNode action = statement.path("Action");
    List<String> names = new ArrayList<>();
    if (action.isArray()) {
      action.forEach(a -> names.add(a.asText()));
    } else {
      names.add(action.asText());
    }
    return names;
  }

  /**
   * The statement {@code sid} of the function's policy, which must stand behind {@code Fn::If} on
   * {@code condition} (with nothing in its place when the condition is false).
   */
  JsonNode conditionalStatement(String condition, String sid) {
    for (JsonNode policy : resource("DdnsFunctionRole").path("Properties").path("Policies")) {
      for (JsonNode entry : policy.path("PolicyDocument").path("Statement")) {
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
    JsonNode join = operand.path("Fn::Join");
    if (join.isArray()) { // a list parameter joined: its items, with the delimiter between them
      return String.join(join.get(0).asText(), value(join.get(1), parameters, name).split(",", -1));
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

  /**
   * The descriptions of the template's {@code Rules} assertions that fail with these parameters
   * (the defaults for the others): CloudFormation refuses such a stack before creating anything.
   */
  public List<String> refusals(Map<String, String> parameters) {
    List<String> refused = new ArrayList<>();
    root.path("Rules")
        .fields()
        .forEachRemaining(
            rule -> {
              JsonNode when = rule.getValue().path("RuleCondition");
              if (!when.isMissingNode() && !evaluate(when, parameters, rule.getKey())) {
                return;
              }
              for (JsonNode assertion : rule.getValue().path("Assertions")) {
                if (!evaluate(assertion.path("Assert"), parameters, rule.getKey())) {
                  refused.add(assertion.path("AssertDescription").asText());
                }
              }
            });
    return refused;
  }

  /**
   * A number property of a resource, written as a number or as {@code Fn::FindInMap} keyed by
   * parameters, resolved with these parameters.
   */
  int number(JsonNode value, Map<String, String> parameters) {
    if (value.isNumber() || value.isTextual()) {
      return Integer.parseInt(value.asText());
    }
    JsonNode find = value.path("Fn::FindInMap");
    if (!find.isArray()) {
      throw new AssertionError("not a number nor Fn::FindInMap: " + value);
    }
    JsonNode node = root.path("Mappings").path(find.get(0).asText());
    for (int i = 1; i < 3; i++) {
      JsonNode key = find.get(i);
      String name =
          key.has("Ref")
              ? parameters.getOrDefault(
                  key.path("Ref").asText(), defaultOf(key.path("Ref").asText()))
              : key.asText();
      node = node.path(name);
    }
    if (!node.isNumber()) {
      throw new AssertionError(value + " finds nothing with " + parameters);
    }
    return node.asInt();
  }

  /** A parameter's allowed values, as text. */
  List<String> allowedValues(String parameter) {
    List<String> values = new ArrayList<>();
    root.path("Parameters")
        .path(parameter)
        .path("AllowedValues")
        .forEach(v -> values.add(v.asText()));
    return values;
  }

  /** A parameter's property, such as {@code MinValue}. */
  Optional<String> parameterProperty(String parameter, String property) {
    JsonNode value = root.path("Parameters").path(parameter).path(property);
    return value.isMissingNode() ? Optional.empty() : Optional.of(value.asText());
  }

  /** The names of the template's outputs. */
  Set<String> outputs() {
    Set<String> names = new TreeSet<>();
    root.path("Outputs").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The resources of one type, by logical id. */
  Map<String, JsonNode> resourcesOfType(String type) {
    Map<String, JsonNode> found = new TreeMap<>();
    root.path("Resources")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().path("Type").asText().equals(type)) {
                found.put(e.getKey(), e.getValue());
              }
            });
    return found;
  }
}
