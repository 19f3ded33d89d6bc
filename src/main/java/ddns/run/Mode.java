package ddns.run;

import java.util.Locale;

/** Why the tool ran: events, or a reconcile run. Written in lower case in summaries and metrics. */
public enum Mode {
  EVENT,
  RECONCILE;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
