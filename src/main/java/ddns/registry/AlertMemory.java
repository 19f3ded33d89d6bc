package ddns.registry;

import ddns.failure.ServiceFailure;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * What was last alerted per instance (or workplace), so that an unchanged problem is not alerted
 * again on every event and every reconcile run. Kept in the registry table, beside ownership, but
 * apart from it: these writes are unconditional and expire. Failures are thrown as {@link
 * ServiceFailure}; callers fail open (alert again) rather than lose an alert.
 */
public interface AlertMemory {

  /**
   * Fingerprints of the alerts last sent about these subjects (an instance id, or a workplace) that
   * have not expired at {@code now}.
   */
  Map<String, String> recall(Collection<String> subjects, Instant now);

  /** Remembers what was alerted, until {@code expiresAt}. Unconditional and idempotent. */
  void remember(Map<String, String> fingerprints, Instant expiresAt);

  /** Forgets every alert (uninstall). */
  void forgetAll();
}
