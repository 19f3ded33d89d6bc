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
import java.util.function.Supplier;

/**
 * Structured logs: one JSON object per line, with the key names of Powertools for AWS Lambda, so
 * that the tools made for its lines read these ({@code timestamp}, {@code level}, {@code message},
 * {@code service}, {@code function_name}, {@code function_request_id}, {@code cold_start}, {@code
 * function_version}, {@code xray_trace_id}). Each line carries the context of the invocation that
 * wrote it ({@link #withContext}) and the fields its caller names (event, message and instance
 * ids). Lines below the threshold are not written.
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
  private final Map<String, Object> process;
  private final Supplier<String> traceHeader;

  /**
   * The invocation context's names as the handler gives them, and the Powertools key each is
   * written under (same meaning: the Lambda request id, whether the container was new, the
   * version).
   */
  static final Map<String, String> CONTEXT_KEYS =
      Map.of(
          "requestId", "function_request_id",
          "coldStart", "cold_start",
          "functionVersion", "function_version");

  public JsonLog(PrintStream out, ObjectMapper json, Clock clock, Level threshold) {
    this(out, json, clock, threshold, Map.of(), () -> null);
  }

  /**
   * @param process fields of every line of the process: {@code service}, {@code function_name}
   * @param traceHeader the X-Ray trace header of the invocation running now ({@code
   *     Root=1-…;Parent=…;Sampled=…}), or null; its root goes on each line as {@code xray_trace_id}
   */
  public JsonLog(
      PrintStream out,
      ObjectMapper json,
      Clock clock,
      Level threshold,
      Map<String, Object> process,
      Supplier<String> traceHeader) {
    this.out = out;
    this.writer = json.writer().without(SerializationFeature.INDENT_OUTPUT);
    this.clock = clock;
    this.threshold = threshold;
    this.process = Map.copyOf(process);
    this.traceHeader = traceHeader;
  }

  /** The root of an X-Ray trace header ({@code Root=1-5759e988-bd862e3fe1be46a994272793;…}). */
  static String traceRoot(String header) {
    if (header == null) {
      return null;
    }
    for (String part : header.split(";")) {
      String kv = part.strip();
      if (kv.startsWith("Root=") && kv.length() > "Root=".length()) {
        return kv.substring("Root=".length());
      }
    }
    return null;
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
        inner.put(CONTEXT_KEYS.getOrDefault(f.name(), f.name()), f.value());
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
    line.put("timestamp", clock.instant().toString());
    line.put("level", level.name());
    line.put("message", message);
    line.putAll(process);
    line.putAll(context.get());
    String trace = traceRoot(traceHeader.get());
    if (trace != null) {
      line.put("xray_trace_id", trace);
    }
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
