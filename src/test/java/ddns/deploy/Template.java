package ddns.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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

  /** The IAM actions the function's own policy allows (the platform's SQS poller policy aside). */
  public Set<String> allowedActions() {
    Set<String> actions = new TreeSet<>();
    for (JsonNode policy : function().path("Policies")) {
      for (JsonNode statement : policy.path("Statement")) {
        if (statement.path("Effect").asText().equals("Allow")) {
          statement.path("Action").forEach(a -> actions.add(a.asText()));
        }
      }
    }
    return actions;
  }

  Set<String> parameters() {
    Set<String> names = new TreeSet<>();
    root.path("Parameters").fieldNames().forEachRemaining(names::add);
    return names;
  }
}
