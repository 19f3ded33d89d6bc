package ddns.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Route 53's change status, which the emulator does not keep: it answers every change {@code
 * INSYNC} at once, under one change id. Real Route 53 gives each accepted {@code
 * ChangeResourceRecordSets} request an id of its own, answers it {@code PENDING}, and {@code
 * GetChange} says {@code PENDING} until every authoritative server has it, then {@code INSYNC}. The
 * proxy gives each accepted request an id ({@code /change/C…}) and status {@code PENDING}, and
 * answers {@code GetChange} itself (REST-XML, {@code GetChangeResponse}): {@code PENDING} while the
 * test's rule says so, then {@code INSYNC}; an id it never gave is {@code NoSuchChange} (HTTP 404),
 * as Route 53 answers. No clock is involved unless the test brings one: the rule sees how many
 * times the change was asked for.
 */
public final class ChangeStatusEmulation {
  private static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";

  /** One change the proxy gave an id: how often it was asked for, and when it first was INSYNC. */
  public static final class Change {
    private final AtomicInteger asked = new AtomicInteger();
    private final long acceptedNanos = System.nanoTime();
    private volatile int inSyncAt = -1;

    public int asked() {
      return asked.get();
    }

    /** The position among the proxy's calls of the first {@code INSYNC} answer; -1 before. */
    public int inSyncAt() {
      return inSyncAt;
    }
  }

  /**
   * Whether a change is still {@code PENDING}, asked for the n-th time, so long after it was
   * accepted.
   */
  public interface PendingRule {
    boolean pending(int asked, java.time.Duration sinceAccepted);
  }

  private final PendingRule rule;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, Change> changes = new LinkedHashMap<>();

  /**
   * @param pendingAfter whether a change asked for the n-th time (from 1) is still {@code PENDING}
   */
  ChangeStatusEmulation(IntPredicate pendingAfter) {
    this((asked, since) -> pendingAfter.test(asked));
  }

  ChangeStatusEmulation(PendingRule rule) {
    this.rule = rule;
  }

  public synchronized Map<String, Change> changes() {
    return Map.copyOf(changes);
  }

  /** The emulator's answer to an accepted change request, with an id of its own and PENDING. */
  synchronized String accepted(String answer) {
    String id = "C" + String.format("%013d", ids.incrementAndGet());
    changes.put(id, new Change());
    return answer
        .replaceFirst("<Id>[^<]*</Id>", "<Id>/change/" + id + "</Id>")
        .replaceFirst("<Status>[^<]*</Status>", "<Status>PENDING</Status>");
  }

  /** The answer to {@code GetChange} for the path's id; empty for any other call. */
  Optional<AwsErrors.Response> answer(FaultProxy.Call call, int order) {
    if (!call.operation().equals("GetChange")) {
      return Optional.empty();
    }
    String id = call.path().replaceFirst(".*/change/", "").replaceFirst("/$", "");
    Change change;
    synchronized (this) {
      change = changes.get(id);
    }
    if (change == null) {
      return Optional.of(
          AwsErrors.errorResponse(
              404,
              NAMESPACE,
              "NoSuchChange",
              "A change with the specified change ID does not exist."));
    }
    boolean pending =
        rule.pending(
            change.asked.incrementAndGet(),
            java.time.Duration.ofNanos(System.nanoTime() - change.acceptedNanos));
    if (!pending && change.inSyncAt < 0) {
      change.inSyncAt = order;
    }
    return Optional.of(
        new AwsErrors.Response(
            200,
            "text/xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<GetChangeResponse xmlns=\""
                + NAMESPACE
                + "\"><ChangeInfo><Id>/change/"
                + id
                + "</Id><Status>"
                + (pending ? "PENDING" : "INSYNC")
                + "</Status><SubmittedAt>2026-12-04T10:00:00.000Z</SubmittedAt></ChangeInfo>"
                + "<RequestId>"
                + UUID.randomUUID()
                + "</RequestId></GetChangeResponse>"));
  }
}
