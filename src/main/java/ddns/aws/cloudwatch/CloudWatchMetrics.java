package ddns.aws.cloudwatch;

import ddns.failure.ServiceFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** Recent data points of one metric ({@code GetMetricStatistics}). Read-only. */
public final class CloudWatchMetrics {
  private final CloudWatchClient cloudWatch;

  public CloudWatchMetrics(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  /** One data point: when, and the statistic asked for. */
  public record Point(Instant at, double value) {}

  /**
   * The metric's data points over the last {@code window}, one per {@code period}, oldest first;
   * empty when CloudWatch has none.
   *
   * @param statistic {@code Sum} or {@code Maximum}
   * @throws ServiceFailure when CloudWatch cannot be read after the SDK's retries
   */
  public List<Point> recent(
      String namespace,
      String metric,
      Map<String, String> dimensions,
      String statistic,
      Duration window,
      Duration period,
      Instant now) {
    List<Dimension> named = new ArrayList<>();
    dimensions.forEach((k, v) -> named.add(Dimension.builder().name(k).value(v).build()));
    Statistic stat = Statistic.fromValue(statistic);
    try {
      List<Point> points = new ArrayList<>();
      for (Datapoint d :
          cloudWatch
              .getMetricStatistics(
                  r ->
                      r.namespace(namespace)
                          .metricName(metric)
                          .dimensions(named)
                          .startTime(now.minus(window))
                          .endTime(now)
                          .period((int) period.toSeconds())
                          .statistics(stat))
              .datapoints()) {
        Double value = stat == Statistic.SUM ? d.sum() : d.maximum();
        if (value != null) {
          points.add(new Point(d.timestamp(), value));
        }
      }
      points.sort(java.util.Comparator.comparing(Point::at));
      return points;
    } catch (SdkException e) {
      throw new ServiceFailure("CloudWatch GetMetricStatistics " + namespace + "/" + metric, e);
    }
  }

  /** The newest data point, if any. */
  public static Optional<Point> latest(List<Point> points) {
    return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
  }
}
