package ddns.handler;

import static ddns.log.JsonLog.field;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import ddns.app.Application;
import ddns.event.Invocation;
import ddns.log.JsonLog;
import ddns.run.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Lambda entry point ({@code ddns.handler.DdnsHandler::handleRequest}) for an EventBridge event or
 * an SQS batch of them. For SQS it answers {@code batchItemFailures}, so only the failed messages
 * come back; for a direct event, a failure fails the invocation so Lambda retries it. The answer
 * carries the run's counts only, whatever the batch's size (Lambda refuses an answer over 6 MB);
 * the whole summary goes to the log, one line per instance. Every log line of an invocation carries
 * its request id, function version and whether it was a cold start.
 */
public final class DdnsHandler implements RequestStreamHandler {
  private final Application app;
  private boolean coldStart = true;

  public DdnsHandler() {
    this(Application.fromEnvironment(System.getenv(), System.out));
  }

  public DdnsHandler(Application app) {
    this.app = app;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    boolean cold = coldStart;
    coldStart = false;
    try (JsonLog.Scope scope =
        app.logContext(
            field("requestId", context == null ? null : context.getAwsRequestId()),
            field("functionVersion", context == null ? null : context.getFunctionVersion()),
            field("coldStart", cold))) {
      Invocation invocation = app.decode(new String(input.readAllBytes(), StandardCharsets.UTF_8));
      Summary summary =
          context == null
              ? app.handle(invocation)
              : app.handle(invocation, Duration.ofMillis(context.getRemainingTimeInMillis()));
      app.logSummary(summary);
      if (!invocation.sqsBatch() && !summary.failedMessageIds().isEmpty()) {
        throw new IllegalStateException(
            "event not handled (the log has each instance's outcome): "
                + app.json().writeValueAsString(summary.counts())
                + (summary.rejected().isEmpty()
                    ? ""
                    : " " + app.json().writeValueAsString(summary.rejected())));
      }
      List<Map<String, String>> failures =
          summary.failedMessageIds().stream().map(id -> Map.of("itemIdentifier", id)).toList();
      app.json()
          .writeValue(output, Map.of("batchItemFailures", failures, "counts", summary.counts()));
    }
  }
}
