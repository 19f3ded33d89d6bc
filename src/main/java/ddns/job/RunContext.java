package ddns.job;

import java.util.Objects;

/**
 * What every stage knows of the job it serves, handed down as one value from the facade: the job's
 * {@link Mode} and whether it is a dry run (docs/behaviour.md, "Reconcile"). The time budget is not
 * part of it: it is the applying stage's own ({@code ddns.apply.Deadline}).
 */
public record RunContext(Mode mode, boolean dryRun) {

  public RunContext {
    Objects.requireNonNull(mode, "mode == null");
  }

  /** Takes over unclaimed records that hold exactly what an instance should have. */
  public boolean adopt() {
    return mode == Mode.ADOPT;
  }

  /**
   * Plans from one listing of EC2 that may be minutes old (a reconcile): every registration that
   * wrote a record is checked against EC2 once more.
   */
  public boolean fromListing() {
    return mode == Mode.RECONCILE || mode == Mode.ADOPT;
  }
}
