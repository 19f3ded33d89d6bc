package ddns.sim;

import java.time.Duration;
import java.util.Random;

/**
 * What each call costs in simulated time, drawn uniformly from a range with a fixed seed, so that a
 * run gives the same figures every time. AWS publishes no latencies; these are typical figures of
 * calls made from within the region (the benchmark prints them):
 *
 * <table>
 *   <tr><th>call</th><th>model</th></tr>
 *   <tr><td>EC2 DescribeInstances (a page of up to 1,000), DescribeVpcs, DescribeVpcAttribute,
 *       DescribeDhcpOptions</td><td>100–300 ms</td></tr>
 *   <tr><td>STS AssumeRole (once an hour per member account and container)</td>
 *       <td>150–250 ms</td></tr>
 *   <tr><td>STS GetCallerIdentity</td><td>50–150 ms</td></tr>
 *   <tr><td>Organizations ListAccounts (20 accounts a page)</td><td>100–300 ms</td></tr>
 *   <tr><td>Route 53, any request (a page of 300 records, 100 zones)</td><td>50–150 ms, after
 *       the waits for tokens</td></tr>
 *   <tr><td>DynamoDB GetItem, BatchGetItem, PutItem, BatchWriteItem, DescribeTable</td>
 *       <td>5–15 ms</td></tr>
 *   <tr><td>DynamoDB TransactWriteItems (two phases)</td><td>15–35 ms</td></tr>
 *   <tr><td>DynamoDB Scan, a full page (1 MB)</td><td>40–100 ms; a part page its share, at least
 *       5 ms</td></tr>
 *   <tr><td>SQS SendMessage</td><td>10–30 ms</td></tr>
 *   <tr><td>SNS Publish</td><td>20–60 ms</td></tr>
 *   <tr><td>a container's first invocation (cold start)</td><td>2,248 ms: the README's measured
 *       JVM start to first event handled</td></tr>
 * </table>
 */
public final class Latency {
  /** A range of latencies, in milliseconds. */
  public record Range(long low, long high) {
    @Override
    public String toString() {
      return low + "–" + high + " ms";
    }
  }

  public static final Range EC2 = new Range(100, 300);
  public static final Range STS_ASSUME_ROLE = new Range(150, 250);
  public static final Range STS = new Range(50, 150);
  public static final Range ORGANIZATIONS = new Range(100, 300);
  public static final Range ROUTE53 = new Range(50, 150);
  public static final Range DYNAMODB = new Range(5, 15);
  public static final Range DYNAMODB_TRANSACTION = new Range(15, 35);
  public static final Range SCAN_PAGE = new Range(40, 100);
  public static final Range SQS = new Range(10, 30);
  public static final Range SNS = new Range(20, 60);
  public static final Duration COLD_START = Duration.ofMillis(2248);

  /** DynamoDB returns at most 1 MB of items per Scan page. */
  public static final long SCAN_PAGE_BYTES = 1 << 20;

  private final Random random;

  public Latency(long seed) {
    this.random = new Random(seed);
  }

  public Duration draw(Range range) {
    long micros = range.low * 1000 + (long) (random.nextDouble() * (range.high - range.low) * 1000);
    return Duration.ofNanos(micros * 1000);
  }

  /** A Scan page of {@code bytes}: its share of a full page's latency, at least 5 ms. */
  public Duration scanPage(long bytes) {
    Duration full = draw(SCAN_PAGE);
    long share = (long) (full.toNanos() * Math.min(1.0, bytes / (double) SCAN_PAGE_BYTES));
    return Duration.ofNanos(Math.max(share, Duration.ofMillis(5).toNanos()));
  }

  /** One line naming the figures, for the benchmark's report. */
  public static String describe() {
    return "EC2 "
        + EC2
        + ", STS AssumeRole "
        + STS_ASSUME_ROLE
        + ", Organizations "
        + ORGANIZATIONS
        + ", Route 53 "
        + ROUTE53
        + " + token waits, DynamoDB "
        + DYNAMODB
        + " (transactions "
        + DYNAMODB_TRANSACTION
        + ", Scan "
        + SCAN_PAGE
        + " a 1 MB page), SQS "
        + SQS
        + ", SNS "
        + SNS
        + ", cold start "
        + COLD_START.toMillis()
        + " ms";
  }
}
