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

  /** The first {@code times} matching calls. */
  public static FaultProxy.Rule first(int times, Predicate<FaultProxy.Call> which, Fault fault) {
    AtomicInteger left = new AtomicInteger(times);
    return call -> which.test(call) && left.getAndDecrement() > 0 ? fault : null;
  }
}
