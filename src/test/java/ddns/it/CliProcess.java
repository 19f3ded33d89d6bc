package ddns.it;

import ddns.cli.Main;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line in a JVM of its own, as {@code bin/ddns} runs it, on the test's class path: for
 * what only a process shows (output flushed before exit, the SDK reading the process's own
 * environment and home directory).
 */
final class CliProcess {
  private CliProcess() {}

  /** Starts it with only these variables and PATH; stderr is discarded. */
  static Process start(Map<String, String> env, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(k -> !k.equals("PATH"));
    builder.environment().putAll(env);
    return builder.start();
  }
}
