package ddns.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * EventBridge's matching for the pattern forms this template uses: a field's array of allowed
 * values (exact strings, or {@code {"prefix": …}}), and nested objects. Every field in the pattern
 * must match. As in EventBridge, an array in the event matches when any of its elements does (an
 * array of objects: any object that matches the nested pattern).
 */
final class EventPatterns {
  private EventPatterns() {}

  static boolean matches(JsonNode pattern, JsonNode event) {
    for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = event.path(field.getKey());
      if (!fieldMatches(field.getValue(), value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean fieldMatches(JsonNode rule, JsonNode value) {
    if (value.isArray()) {
      for (JsonNode element : value) {
        if (fieldMatches(rule, element)) {
          return true;
        }
      }
      return false;
    }
    if (rule.isObject()) {
      return value.isObject() && matches(rule, value);
    }
    if (!rule.isArray()) {
      throw new IllegalArgumentException("pattern form not supported here: " + rule);
    }
    for (JsonNode allowed : rule) {
      if (allowed.isTextual()) {
        if (value.isTextual() && value.asText().equals(allowed.asText())) {
          return true;
        }
      } else if (allowed.isObject() && allowed.has("prefix") && allowed.size() == 1) {
        if (value.isTextual() && value.asText().startsWith(allowed.path("prefix").asText())) {
          return true;
        }
      } else {
        throw new IllegalArgumentException("pattern form not supported here: " + allowed);
      }
    }
    return false;
  }
}
