package ddns.alert;

import ddns.facts.InstanceId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One run's alerts as one message (docs/behaviour.md, "Failures and alerts"): the workplaces that
 * could not be read, then each instance with its alerts, cut to fit SNS's message limit with a last
 * line saying how many more were left out; the subject counts them and names the kinds, within
 * SNS's subject limit. Built only by {@link #of}, so every digest fits.
 *
 * <p>Example subject: {@code route53-ddns: 1,000 instances: FOREIGN_RECORD, NAME_TAKEN}.
 *
 * @param subject at most {@link #MAX_SUBJECT} ASCII characters, one line
 * @param message at most {@link #MAX_MESSAGE_BYTES} bytes of UTF-8
 * @param workplaces the subjects of the workplace notices in the digest
 * @param instances every instance in the digest, named in the message or counted in its last line
 * @param leftOut the instances counted but not named, the message being full
 */
public record Digest(
    String subject,
    String message,
    List<String> workplaces,
    List<InstanceId> instances,
    List<InstanceId> leftOut) {
  /** SNS refuses a longer subject (e-mail subscribers read it). */
  public static final int MAX_SUBJECT = 100;

  /** SNS refuses a longer message: 256 KiB of UTF-8. */
  public static final int MAX_MESSAGE_BYTES = 262_144;

  private static final String PREFIX = "route53-ddns: ";

  /** Room kept for the last line ("… and 4,120 more instances; see the logs …"). */
  private static final int TAIL_BYTES = 200;

  public Digest {
    Objects.requireNonNull(subject, "subject == null");
    Objects.requireNonNull(message, "message == null");
    workplaces = List.copyOf(workplaces);
    instances = List.copyOf(instances);
    leftOut = List.copyOf(leftOut);
  }

  /** The digest of these notices and alerts, within SNS's limits. */
  public static Digest of(Map<String, String> workplaces, Map<InstanceId, List<Alert>> instances) {
    return of(workplaces, instances, MAX_MESSAGE_BYTES);
  }

  /**
   * @param maxBytes the message's limit (SNS's, or a smaller one in tests)
   */
  static Digest of(
      Map<String, String> workplaces, Map<InstanceId, List<Alert>> instances, int maxBytes) {
    Map<String, String> notices = new TreeMap<>(workplaces);
    Map<InstanceId, List<Alert>> alerts = new TreeMap<>(instances);
    Map<String, Integer> kinds = kinds(notices, alerts);
    StringBuilder text = new StringBuilder(header(notices.size(), alerts.size(), kinds));
    int bytes = utf8(text);
    int budget = maxBytes - TAIL_BYTES;
    int noticesLeft = 0;
    for (Map.Entry<String, String> n : notices.entrySet()) {
      String block = "\n" + n.getKey() + ":\n  " + n.getValue() + "\n";
      if (noticesLeft == 0 && bytes + utf8(block) <= budget) {
        text.append(block);
        bytes += utf8(block);
      } else {
        noticesLeft++;
      }
    }
    List<InstanceId> leftOut = new ArrayList<>();
    for (Map.Entry<InstanceId, List<Alert>> i : alerts.entrySet()) {
      String block = block(i.getKey(), i.getValue());
      if (leftOut.isEmpty() && bytes + utf8(block) <= budget) {
        text.append(block);
        bytes += utf8(block);
      } else {
        leftOut.add(i.getKey());
      }
    }
    if (noticesLeft > 0 || !leftOut.isEmpty()) {
      text.append("\n... and ").append(more(noticesLeft, leftOut.size()));
      text.append(" not shown, the message being full; see the logs (\"alert\" lines).\n");
    }
    return new Digest(
        subject(notices.size(), alerts.size(), kinds),
        text.toString(),
        List.copyOf(notices.keySet()),
        List.copyOf(alerts.keySet()),
        leftOut);
  }

  /** Alerts per kind, the most frequent first; the notices count as workplace alerts. */
  private static Map<String, Integer> kinds(
      Map<String, String> notices, Map<InstanceId, List<Alert>> alerts) {
    Map<String, Integer> count = new TreeMap<>();
    if (!notices.isEmpty()) {
      count.put(AlertKind.WORKPLACE_UNREACHABLE.name(), notices.size());
    }
    alerts.values().stream()
        .flatMap(List::stream)
        .forEach(a -> count.merge(a.kind().name(), 1, Integer::sum));
    Map<String, Integer> ordered = new java.util.LinkedHashMap<>();
    count.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue())
                .thenComparing(Map.Entry::getKey))
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }

  private static String header(int notices, int instances, Map<String, Integer> kinds) {
    StringBuilder text = new StringBuilder();
    if (notices > 0) {
      text.append(count(notices, "workplace")).append(" could not be read.\n");
    }
    if (instances > 0) {
      text.append(count(instances, "instance"))
          .append(" did not get every DNS record asked for.\n");
    }
    text.append("Alerts by kind: ")
        .append(
            kinds.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", ")))
        .append(".\n");
    return text.toString();
  }

  private static String block(InstanceId id, List<Alert> alerts) {
    StringBuilder block = new StringBuilder("\nInstance ").append(id).append(":\n");
    alerts.stream()
        .sorted()
        .forEach(
            a -> block.append("- ").append(a.kind()).append(": ").append(a.message()).append('\n'));
    return block.toString();
  }

  /** Counts and kinds, cut to {@link #MAX_SUBJECT}: {@code 3 instances: A, B +2 more kinds}. */
  private static String subject(int notices, int instances, Map<String, Integer> kinds) {
    List<String> counts = new ArrayList<>();
    if (notices > 0) {
      counts.add(count(notices, "workplace"));
    }
    if (instances > 0) {
      counts.add(count(instances, "instance"));
    }
    String head = PREFIX + String.join(", ", counts) + ": ";
    List<String> names = List.copyOf(kinds.keySet());
    for (int shown = names.size(); shown > 0; shown--) {
      String rest = shown == names.size() ? "" : " +" + (names.size() - shown) + " more kinds";
      String subject = head + String.join(", ", names.subList(0, shown)) + rest;
      if (subject.length() <= MAX_SUBJECT) {
        return subject;
      }
    }
    return head + names.size() + " kinds"; // no kind name is long enough to get here
  }

  private static String more(int notices, int instances) {
    List<String> parts = new ArrayList<>();
    if (notices > 0) {
      parts.add(
          String.format(
              Locale.ROOT, "%,d more %s", notices, notices == 1 ? "workplace" : "workplaces"));
    }
    if (instances > 0) {
      parts.add(
          String.format(
              Locale.ROOT, "%,d more %s", instances, instances == 1 ? "instance" : "instances"));
    }
    return String.join(" and ", parts);
  }

  private static String count(int n, String noun) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
  }

  private static int utf8(CharSequence text) {
    return text.toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
