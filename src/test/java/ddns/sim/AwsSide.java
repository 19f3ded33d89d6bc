package ddns.sim;

import ddns.fakes.FakeAlerts;
import ddns.fakes.FakeDnsZones;
import ddns.fakes.FakeRegistry;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every container of the simulation shares, as AWS does: the services' state (the in-memory
 * fakes), each account's Route 53 request bucket (capacity 50, refilled at 10 a second, shared by
 * every caller of the account: EMULATOR.md, "Real AWS limits"), the latency model, the queue, and
 * the tally of calls by account. Touched only by the actor whose turn it is.
 */
public final class AwsSide {
  /** Route 53's bucket per account. */
  public static final double ROUTE53_CAPACITY = 50;

  public static final double ROUTE53_REFILL = 10;

  public final LandingZone ec2;
  public final FakeDnsZones dns;
  public final FakeRegistry registry;
  public final FakeAlerts alerts = new FakeAlerts();
  public final LambdaQueue queue;
  final Latency latency;
  private final Map<String, TokenBucket> route53 = new TreeMap<>();
  private Map<String, Map<String, Integer>> calls = new TreeMap<>();
  private long readUnits;

  public AwsSide(
      LandingZone ec2, FakeDnsZones dns, FakeRegistry registry, LambdaQueue queue, long seed) {
    this.ec2 = ec2;
    this.dns = dns;
    this.registry = registry;
    this.queue = queue;
    this.latency = new Latency(seed);
  }

  public String central() {
    return ec2.home().account();
  }

  /** The account's Route 53 bucket, as AWS keeps it. */
  public TokenBucket route53(String account) {
    return route53.computeIfAbsent(account, a -> new TokenBucket(ROUTE53_CAPACITY, ROUTE53_REFILL));
  }

  public Map<String, TokenBucket> route53Buckets() {
    return Map.copyOf(route53);
  }

  void count(String account, String operation, int n) {
    if (n > 0) {
      calls.computeIfAbsent(account, a -> new TreeMap<>()).merge(operation, n, Integer::sum);
    }
  }

  void read(long units) {
    readUnits += units;
  }

  /** The calls made since the last {@link #startCounting}, by account, then by operation. */
  public Map<String, Map<String, Integer>> calls() {
    Map<String, Map<String, Integer>> copy = new TreeMap<>();
    calls.forEach((a, ops) -> copy.put(a, Map.copyOf(ops)));
    return copy;
  }

  /** DynamoDB read capacity units (strongly consistent: 4 KB each) since {@link #startCounting}. */
  public long readUnits() {
    return readUnits;
  }

  public void startCounting() {
    calls = new TreeMap<>();
    readUnits = 0;
  }
}
