package ddns.run;

import java.util.Locale;

/** How one instance's handling ended. Written in lower case in summaries. */
public enum Outcome {
  DONE,
  /** Failed after retries: its message is retried. */
  FAILED;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
