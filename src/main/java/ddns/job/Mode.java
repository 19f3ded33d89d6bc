package ddns.job;

import java.util.Locale;

/** Why the tool ran: events, or a reconcile run. Written in lower case in summaries and metrics. */
public enum Mode {
  EVENT,
  RECONCILE,
  /** A reconcile run that takes over records holding exactly what the tool would write. */
  ADOPT,
  /** Every record the tool wrote, its registry and its emptied reverse zones removed. */
  UNINSTALL;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
