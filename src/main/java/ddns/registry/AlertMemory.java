package ddns.registry;

import ddns.failure.ServiceFailure;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What was last alerted per instance (or workplace), so that an unchanged problem is not alerted
 * again on every event and every reconcile run. Kept in the registry table, beside ownership, but
 * apart from it: these writes are unconditional and expire. Failures are thrown as {@link
 * ServiceFailure}; callers fail open (alert again) rather than lose an alert.
 */
public interface AlertMemory {

  /** What was alerted about one subject, remembered until {@code expiresAt}. */
  record Memory(String subject, String fingerprint, Instant expiresAt) {
    public Memory {
      Objects.requireNonNull(subject, "subject == null");
      Objects.requireNonNull(fingerprint, "fingerprint == null");
      Objects.requireNonNull(expiresAt, "expiresAt == null");
    }
  }

  /**
   * Fingerprints of the alerts last sent about these subjects (an instance id, or a workplace) that
   * have not expired at {@code now}.
   */
  Map<String, String> recall(Collection<String> subjects, Instant now);

  /**
   * Remembers what was alerted, each until its own expiry, in as few requests as the store allows
   * (one run may remember thousands). Unconditional and idempotent; one subject at most once.
   */
  void remember(List<Memory> memories);

  /** Forgets every alert (uninstall). */
  void forgetAll();
}
