package ddns.aws;

import ddns.run.ApiCalls;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts API calls (not retries) by {@code Service.Operation}, as an SDK execution interceptor,
 * into the tally of the invocation running on the calling thread (the SDK's synchronous clients run
 * interceptors on the caller's thread).
 */
public final class ApiCallCounter implements ExecutionInterceptor, ApiCalls {
  /** The SDK's service names, spelt as AWS documents them (and as IAM actions are prefixed). */
  private static final Map<String, String> AWS_NAMES =
      Map.of(
          "Ec2",
          "EC2",
          "DynamoDb",
          "DynamoDB",
          "Sns",
          "SNS",
          "Sqs",
          "SQS",
          "Route53",
          "Route53",
          "Sts",
          "STS");

  private final ThreadLocal<CallTally> current = new ThreadLocal<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    record(attributes, "");
  }

  /**
   * Counts into the same tallies, each call named with {@code suffix}: the calls made as another
   * account's member role ({@code " as member"}), whose permissions are that role's.
   */
  ExecutionInterceptor labelled(String suffix) {
    return new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        record(attributes, suffix);
      }
    };
  }

  private void record(ExecutionAttributes attributes, String suffix) {
    CallTally tally = current.get();
    if (tally == null) {
      return;
    }
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    tally.counts.merge(
        AWS_NAMES.getOrDefault(service, service) + "." + operation + suffix, 1, Integer::sum);
  }

  /** Counts a call made without an SDK client ({@link OrganizationAccounts}). */
  void count(String call) {
    CallTally tally = current.get();
    if (tally != null) {
      tally.counts.merge(call, 1, Integer::sum);
    }
  }

  @Override
  public Tally start() {
    CallTally tally = new CallTally();
    current.set(tally);
    return tally;
  }

  /** One thread's counts, from {@link #start} until closed. */
  private final class CallTally implements Tally {
    private final Map<String, Integer> counts = new TreeMap<>();

    @Override
    public Map<String, Integer> snapshot() {
      return Map.copyOf(counts);
    }

    @Override
    public void close() {
      current.remove();
    }
  }
}
