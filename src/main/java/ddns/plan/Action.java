package ddns.plan;

import java.util.Locale;

/** What an instance's current state calls for. Written in lower case in summaries. */
public enum Action {
  /** Running: it should have its records. */
  REGISTER,
  /** Stopping, stopped, terminated or unknown to EC2: it should have none. */
  DEREGISTER,
  /** Pending: its running event will register it. */
  SKIP;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
