package ddns.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Structured logs: one JSON object per line. Each line carries the context of the invocation that
 * wrote it (Lambda request id, cold start, function version: see {@link #withContext}) and the
 * fields its caller names (event, message and instance ids). Lines below the threshold are not
 * written.
 */
public final class JsonLog {
  /** Severities, lowest first. */
  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR;

    /** {@code info}, {@code WARN}…; empty or unknown text is refused with the accepted names. */
    public static Level parse(String text) {
      for (Level level : values()) {
        if (level.name().equals(text.strip().toUpperCase(Locale.ROOT))) {
          return level;
        }
      }
      throw new IllegalArgumentException("must be DEBUG, INFO, WARN or ERROR, was '" + text + "'");
    }
  }

  /** One named value on a log line. */
  public record Field(String name, Object value) {
    public Field {
      Objects.requireNonNull(name, "name == null");
    }
  }

  private final PrintStream out;
  private final ObjectWriter writer;
  private final Clock clock;
  private final Level threshold;
  private final ThreadLocal<Map<String, Object>> context = ThreadLocal.withInitial(Map::of);

  public JsonLog(PrintStream out, ObjectMapper json, Clock clock, Level threshold) {
    this.out = out;
    this.writer = json.writer().without(SerializationFeature.INDENT_OUTPUT);
    this.clock = clock;
    this.threshold = threshold;
  }

  public static Field field(String name, Object value) {
    return new Field(name, value);
  }

  /**
   * Adds {@code fields} to every line this thread writes until the scope is closed (one invocation:
   * the Lambda request id, cold start, function version). Scopes nest; closing restores the outer.
   */
  public Scope withContext(Field... fields) {
    Map<String, Object> outer = context.get();
    Map<String, Object> inner = new LinkedHashMap<>(outer);
    for (Field f : fields) {
      if (f.value() != null) {
        inner.put(f.name(), f.value());
      }
    }
    context.set(Map.copyOf(inner));
    return () -> context.set(outer);
  }

  /** Restores the context that was in force before {@link #withContext}. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  public void debug(String message, Field... fields) {
    write(Level.DEBUG, message, fields);
  }

  public void info(String message, Field... fields) {
    write(Level.INFO, message, fields);
  }

  public void warn(String message, Field... fields) {
    write(Level.WARN, message, fields);
  }

  public void error(String message, Field... fields) {
    write(Level.ERROR, message, fields);
  }

  /**
   * Writes the document as it is, one line, whatever the threshold (CloudWatch Embedded Metric
   * Format: metrics must not depend on the log level).
   */
  public void document(Map<String, Object> document) {
    print(document, "document not serialisable");
  }

  /** Null values are left out. */
  private void write(Level level, String message, Field... fields) {
    if (level.compareTo(threshold) < 0) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", clock.instant().toString());
    line.put("level", level.name());
    line.put("message", message);
    line.putAll(context.get());
    for (Field f : fields) {
      if (f.value() != null) {
        line.put(f.name(), f.value());
      }
    }
    print(line, "log line not serialisable");
  }

  private void print(Map<String, Object> document, String failure) {
    String text;
    try {
      text = writer.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      text = "{\"level\":\"ERROR\",\"message\":\"" + failure + "\"}";
    }
    synchronized (out) {
      out.println(text);
    }
  }
}
