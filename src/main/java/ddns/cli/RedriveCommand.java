package ddns.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ddns redrive}: send a stack's dead letters back to its event queue. */
@Command(
    name = "redrive",
    mixinStandardHelpOptions = true,
    header = "Send a stack's dead-letter messages back to its event queue.",
    description = {
      "Moves the events parked in the stack's dead-letter queue back to its event queue, where",
      "the function handles them again (from EC2's current state, so an old event changes",
      "nothing it should not). Each message is sent before it is deleted: an interruption can",
      "leave one in both queues, never in neither. Failed scheduled reconcile runs are not",
      "here (their queue is ReconcileFailureQueueUrl); the next scheduled run repairs what they",
      "did not. The event queue's policy must admit the caller (OperatorRoleArns)."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "1:failed after retries", "2:invalid settings"})
final class RedriveCommand implements Callable<Integer> {
  @Option(names = "--dry-run", description = "Count the dead letters; move nothing.")
  boolean dryRun;

  @Option(
      names = "--max",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Move at most N messages (default 10000).")
  int max;

  @Mixin AwsOptions aws;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (max < 1) {
      throw new IllegalArgumentException("--max must be at least 1, was " + max);
    }
    Map<String, String> env = aws.awsEnvironment(spec, false);
    PrintWriter out = spec.commandLine().getOut();
    try (OperatorStack stack = OperatorStack.open(env, aws.stackName(env), "redrive")) {
      String deadLetters = stack.output("DeadLetterQueueUrl");
      String events = stack.output("EventQueueUrl");
      var queues = stack.services.queues();
      if (dryRun) {
        out.println(
            "dead letters: " + queues.depth(deadLetters).waiting() + " (dry run: none moved)");
      } else {
        int moved = queues.redrive(deadLetters, events, max);
        out.println(
            "moved "
                + moved
                + " dead letters to the event queue; "
                + queues.depth(deadLetters).waiting()
                + " left");
      }
      out.flush();
      return 0;
    }
  }
}
