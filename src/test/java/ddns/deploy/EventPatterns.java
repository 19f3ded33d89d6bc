package ddns.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * EventBridge's matching for the pattern forms this template uses: a field's array of allowed
 * values (exact strings), and nested objects. Every field in the pattern must match.
 */
final class EventPatterns {
  private EventPatterns() {}

  static boolean matches(JsonNode pattern, JsonNode event) {
    for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = event.path(field.getKey());
      JsonNode rule = field.getValue();
      if (rule.isObject()) {
        if (!value.isObject() || !matches(rule, value)) {
          return false;
        }
      } else if (rule.isArray()) {
        boolean any = false;
        for (JsonNode allowed : rule) {
          if (!allowed.isTextual()) {
            throw new IllegalArgumentException("pattern form not supported here: " + allowed);
          }
          any |= value.isTextual() && value.asText().equals(allowed.asText());
        }
        if (!any) {
          return false;
        }
      } else {
        throw new IllegalArgumentException("pattern form not supported here: " + rule);
      }
    }
    return true;
  }
}
