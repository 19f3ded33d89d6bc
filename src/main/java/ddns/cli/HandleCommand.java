package ddns.cli;

import ddns.app.Application;
import ddns.config.Config;
import ddns.config.ConfigException;
import ddns.event.EventDecoder;
import ddns.event.InboundEvent;
import ddns.event.Invocation;
import ddns.run.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ddns handle --event FILE}: one invocation, exactly as the Lambda would run it. */
@Command(
    name = "handle",
    mixinStandardHelpOptions = true,
    header = "Handle one event or SQS batch, as the Lambda function does.",
    description = {
      "Handle one EventBridge event or one SQS batch of them, as the Lambda function does.",
      "Prints the JSON summary on stdout and JSON log lines on stderr."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:done (also when there was nothing to do)",
      "1:failed after retries",
      "2:invalid input or settings"
    })
final class HandleCommand implements Callable<Integer> {

  @Option(
      names = "--event",
      required = true,
      paramLabel = "FILE",
      description =
          "Event JSON: an EC2 state-change event, a scheduled event, or an SQS batch; '-' reads stdin.")
  String event;

  @Option(
      names = "--dry-run",
      description = "Plan and print, change nothing (same as DDNS_DRY_RUN=true).")
  boolean dryRun;

  @CommandLine.Mixin AwsOptions aws;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    var err = spec.commandLine().getErr();
    String payload;
    try {
      payload =
          event.equals("-")
              ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(Path.of(event), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      err.println("ddns: --event: no such file: " + event);
      return Main.INVALID_INPUT;
    } catch (IOException e) {
      String why = Files.isDirectory(Path.of(event)) ? "is a directory" : "cannot be read";
      err.println("ddns: --event: " + event + " " + why + " (" + e.getMessage() + ")");
      return Main.INVALID_INPUT;
    }
    Map<String, String> env = aws.environment(spec);
    Config config;
    try {
      config = AppOptions.config(env, dryRun);
    } catch (ConfigException e) {
      err.println("ddns: " + e.getMessage());
      return Main.INVALID_INPUT;
    }
    Invocation invocation = new EventDecoder(Application.objectMapper()).decode(payload);
    if (!invocation.events().isEmpty()
        && invocation.events().stream().allMatch(e -> e instanceof InboundEvent.Rejected)) {
      invocation
          .events()
          .forEach(e -> err.println(rejected(e.messageId(), ((InboundEvent.Rejected) e).reason())));
      return Main.INVALID_INPUT;
    }
    return AppOptions.withApp(
        env,
        config,
        app -> {
          Summary summary = app.handle(invocation);
          try {
            spec.commandLine().getOut().println(app.json().writeValueAsString(summary));
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("summary not serialisable", e);
          }
          summary.rejected().forEach(r -> err.println(rejected(r.messageId(), r.error())));
          return summary.exitStatus();
        });
  }

  /** The whole input has no message id ({@code -}): the file (or standard input) is named. */
  private String rejected(String messageId, String reason) {
    String where =
        messageId.equals("-") ? (event.equals("-") ? "standard input" : event) : messageId;
    return "ddns: rejected " + where + ": " + reason;
  }
}
