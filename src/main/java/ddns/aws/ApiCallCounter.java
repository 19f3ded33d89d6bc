package ddns.aws;

import ddns.port.ApiCalls;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts API calls (not retries) by {@code Service.Operation}, as an SDK execution interceptor. */
public final class ApiCallCounter implements ExecutionInterceptor, ApiCalls {
  /** The SDK's service names, spelt as AWS documents them (and as IAM actions are prefixed). */
  private static final Map<String, String> AWS_NAMES =
      Map.of(
          "Ec2", "EC2", "DynamoDb", "DynamoDB", "Sns", "SNS", "Sqs", "SQS", "Route53", "Route53");

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    counts
        .computeIfAbsent(
            AWS_NAMES.getOrDefault(service, service) + "." + operation, k -> new AtomicInteger())
        .incrementAndGet();
  }

  @Override
  public Map<String, Integer> snapshot() {
    Map<String, Integer> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  @Override
  public void reset() {
    counts.clear();
  }
}
