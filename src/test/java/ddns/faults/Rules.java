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

  /**
   * Route 53's account-wide request bucket: {@code capacity} requests, refilled at {@code
   * perSecond} in real time, shared by every caller. A request that finds it empty is answered
   * {@code Throttling} ("Rate exceeded"), as Route 53 answers. For benchmarks: it takes real time.
   */
  public static FaultProxy.Rule route53Budget(int capacity, double perSecond) {
    return new FaultProxy.Rule() {
      private double tokens = capacity;
      private long last = System.nanoTime();

      @Override
      public synchronized Fault decide(FaultProxy.Call call) {
        if (!call.service().equals("route53")) {
          return null;
        }
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens < 1) {
          return Fault.error("Throttling");
        }
        tokens -= 1;
        return null;
      }
    };
  }

  /**
   * Route 53's rule that the emulator lacks: a VPC sees one private zone of a name, so a second
   * {@code CreateHostedZone} of that name for the same VPC is refused ({@code
   * ConflictingDomainExists}) and creates nothing. Tracks the zones created through the proxy.
   */
  public static FaultProxy.Rule onePrivateZoneOfANamePerVpc() {
    java.util.Set<String> created = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.regex.Pattern name = java.util.regex.Pattern.compile("<Name>([^<]*)</Name>");
    java.util.regex.Pattern vpc = java.util.regex.Pattern.compile("<VPCId>([^<]*)</VPCId>");
    return call -> {
      if (!call.operation().equals("CreateHostedZone")) {
        return null;
      }
      java.util.regex.Matcher n = name.matcher(call.body());
      java.util.regex.Matcher v = vpc.matcher(call.body());
      if (!n.find() || !v.find()) {
        return null;
      }
      String zone = n.group(1).toLowerCase(java.util.Locale.ROOT).replaceAll("\\.?$", ".");
      return created.add(zone + " " + v.group(1)) ? null : Fault.error("ConflictingDomainExists");
    };
  }

  /**
   * Route 53's quota of values in one record set, which the emulator does not enforce: a change
   * batch that creates or upserts a set of more than {@code max} values is refused whole with
   * {@code InvalidChangeBatch}, and changes nothing.
   */
  public static FaultProxy.Rule valuesPerRecordSet(int max) {
    java.util.regex.Pattern change =
        java.util.regex.Pattern.compile("<Change>(.*?)</Change>", java.util.regex.Pattern.DOTALL);
    return call -> {
      if (!call.operation().equals("ChangeResourceRecordSets")) {
        return null;
      }
      java.util.regex.Matcher m = change.matcher(call.body());
      while (m.find()) {
        String one = m.group(1);
        int values = one.split("<ResourceRecord>", -1).length - 1;
        if (!one.contains("<Action>DELETE</Action>") && values > max) {
          return Fault.invalidChangeBatch(
              "Invalid Resource Record Set: the record set has "
                  + values
                  + " values; the limit is "
                  + max
                  + " (emulated)");
        }
      }
      return null;
    };
  }

  /** The first {@code times} matching calls. */
  public static FaultProxy.Rule first(int times, Predicate<FaultProxy.Call> which, Fault fault) {
    AtomicInteger left = new AtomicInteger(times);
    return call -> which.test(call) && left.getAndDecrement() > 0 ? fault : null;
  }
}
