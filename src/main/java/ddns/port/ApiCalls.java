package ddns.port;

import java.util.Map;

/** Counts the AWS API calls made, by {@code Service.Operation}. */
public interface ApiCalls {

  /** The counts since the last {@link #reset}, sorted by name. */
  Map<String, Integer> snapshot();

  void reset();
}
