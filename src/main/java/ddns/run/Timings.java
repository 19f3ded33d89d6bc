package ddns.run;

import java.time.Duration;
import java.util.List;

/**
 * How long DNS took in one run, from each event's {@code time}: to Route 53 accepting the change
 * request that wrote an instance's records ({@code toSubmit}), and, for launches held by lifecycle
 * hooks, to Route 53 serving them everywhere ({@code toDns}, {@code INSYNC} as a check saw it).
 */
record Timings(List<Duration> toSubmit, List<Duration> toDns) {
  static final Timings NONE = new Timings(List.of(), List.of());

  Timings {
    toSubmit = toSubmit.stream().sorted().toList();
    toDns = toDns.stream().sorted().toList();
  }
}
