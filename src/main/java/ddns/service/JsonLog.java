package ddns.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Structured logs: one JSON object per line, with the event and instance ids when known. */
public final class JsonLog {
  private final PrintStream out;
  private final ObjectWriter writer;
  private final Clock clock;

  public JsonLog(PrintStream out, ObjectMapper json, Clock clock) {
    this.out = out;
    this.writer = json.writer().without(SerializationFeature.INDENT_OUTPUT);
    this.clock = clock;
  }

  public void info(String message, Object... fields) {
    write("INFO", message, fields);
  }

  public void warn(String message, Object... fields) {
    write("WARN", message, fields);
  }

  public void error(String message, Object... fields) {
    write("ERROR", message, fields);
  }

  /** Writes the document as it is, one line (for CloudWatch Embedded Metric Format). */
  public void document(Map<String, Object> document) {
    try {
      synchronized (out) {
        out.println(compact(document));
      }
    } catch (JsonProcessingException e) {
      out.println("{\"level\":\"ERROR\",\"message\":\"document not serialisable\"}");
    }
  }

  private String compact(Map<String, Object> document) throws JsonProcessingException {
    return writer.writeValueAsString(document);
  }

  /** {@code fields} alternate names and values; null values are left out. */
  private void write(String level, String message, Object... fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", clock.instant().toString());
    line.put("level", level);
    line.put("message", message);
    for (int i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i + 1] != null) {
        line.put(String.valueOf(fields[i]), fields[i + 1]);
      }
    }
    try {
      synchronized (out) {
        out.println(compact(line));
      }
    } catch (JsonProcessingException e) {
      out.println("{\"level\":\"ERROR\",\"message\":\"log line not serialisable\"}");
    }
  }
}
