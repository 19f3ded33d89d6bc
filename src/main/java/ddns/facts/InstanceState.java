package ddns.facts;

import java.util.Locale;
import java.util.Optional;

/** EC2 instance states, and what each means for DNS. */
public enum InstanceState {
  PENDING,
  RUNNING,
  STOPPING,
  STOPPED,
  SHUTTING_DOWN,
  TERMINATED;

  /** Parses the EC2 spelling ({@code shutting-down}). */
  public static Optional<InstanceState> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (InstanceState state : values()) {
      if (state.ec2Name().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }

  public String ec2Name() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The instance should have records. */
  public boolean registers() {
    return this == RUNNING;
  }

  /** The instance should have no records. */
  public boolean deregisters() {
    return this != RUNNING && this != PENDING;
  }
}
