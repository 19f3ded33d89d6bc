package ddns.run;

import java.util.Map;

/** Counts the AWS API calls made, by {@code Service.Operation}, for one invocation at a time. */
public interface ApiCalls {

  /**
   * Starts counting the calls this thread makes, until the tally is closed. Each invocation has its
   * own tally, so invocations on other threads never mix their counts.
   */
  Tally start();

  /** The calls of one invocation. */
  interface Tally extends AutoCloseable {
    /** The counts so far, sorted by name. */
    Map<String, Integer> snapshot();

    @Override
    void close();
  }
}
