package ddns.faults;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Ready-made {@link FaultProxy.Rule}s. */
public final class Rules {
  private Rules() {}

  public static Predicate<FaultProxy.Call> service(String... services) {
    Set<String> wanted = Set.of(services);
    return call -> wanted.contains(call.service());
  }

  public static Predicate<FaultProxy.Call> operation(String operation) {
    return call -> call.operation().equals(operation);
  }

  /** A seeded fraction of the matching calls, so a run is reproducible. */
  public static FaultProxy.Rule fraction(
      double fraction,
      long seed,
      Predicate<FaultProxy.Call> which,
      java.util.function.Function<FaultProxy.Call, Fault> fault) {
    Random random = new Random(seed);
    return call -> {
      if (!which.test(call)) {
        return null;
      }
      synchronized (random) {
        return random.nextDouble() < fraction ? fault.apply(call) : null;
      }
    };
  }

  /**
   * Route 53's rule that the emulator lacks: a {@code CallerReference} serves one {@code
   * CreateHostedZone} only, for ever (also after its zone was deleted); a second request with it is
   * answered {@code HostedZoneAlreadyExists}, and creates nothing.
   */
  public static FaultProxy.Rule callerReferencesAreUsedOnce() {
    java.util.Set<String> used = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.regex.Pattern reference =
        java.util.regex.Pattern.compile("<CallerReference>([^<]*)</CallerReference>");
    return call -> {
      if (!call.operation().equals("CreateHostedZone")) {
        return null;
      }
      java.util.regex.Matcher m = reference.matcher(call.body());
      return m.find() && !used.add(m.group(1)) ? Fault.error("HostedZoneAlreadyExists") : null;
    };
  }

  /** The first {@code times} matching calls. */
  public static FaultProxy.Rule first(int times, Predicate<FaultProxy.Call> which, Fault fault) {
    AtomicInteger left = new AtomicInteger(times);
    return call -> which.test(call) && left.getAndDecrement() > 0 ? fault : null;
  }
}
