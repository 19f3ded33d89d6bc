package ddns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.aws.cloudwatch.CloudWatchMetrics.Point;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code status} makes of the function's metrics (the emulator does not answer the SDK's
 * CloudWatch client, so this reading is checked here, on data points as CloudWatch returns them).
 */
class StatusFiguresTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  @Test
  void theLastReconcile_isTheNewestDriftPoint_withTheFailuresOfTheSamePeriod() {
    List<Point> drift = List.of(new Point(T0, 4), new Point(T0.plusSeconds(900), 2));
    List<Point> failed = List.of(new Point(T0, 7), new Point(T0.plusSeconds(900), 1));

    StackStatus.LastReconcile last = StatusCommand.lastReconcile(drift, failed);

    assertThat(last.at()).isEqualTo("2026-12-04T10:15:00Z");
    assertThat(last.driftFound()).isEqualTo(2);
    assertThat(last.failedInstances()).isEqualTo(1);
  }

  @Test
  void aRunWithoutFailures_hasNone_andNoRunIsNoLastReconcile() {
    assertThat(StatusCommand.lastReconcile(List.of(new Point(T0, 0)), List.of()).failedInstances())
        .isZero();
    assertThat(StatusCommand.lastReconcile(List.of(), List.of(new Point(T0, 3)))).isNull();
  }

  @Test
  void failedInstances_addUpOverThePeriods() {
    assertThat(StatusCommand.total(List.of(new Point(T0, 2), new Point(T0.plusSeconds(300), 3))))
        .isEqualTo(5);
    assertThat(StatusCommand.total(List.of())).isZero();
  }
}
