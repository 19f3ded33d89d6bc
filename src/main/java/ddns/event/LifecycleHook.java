package ddns.event;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An Auto Scaling lifecycle action waiting for its instance (docs/behaviour.md, "Lifecycle hooks"):
 * the hook that holds it, the token that completes it, which way the instance goes, and where it
 * comes from and goes to ({@code EC2}, {@code AutoScalingGroup}, {@code WarmPool}).
 *
 * @param metadata the hook's {@code NotificationMetadata}, empty when it has none
 */
public record LifecycleHook(
    String group,
    String hook,
    String token,
    Transition transition,
    String origin,
    String destination,
    String metadata) {

  /** The two transitions a lifecycle hook can hold. */
  public enum Transition {
    LAUNCHING("autoscaling:EC2_INSTANCE_LAUNCHING"),
    TERMINATING("autoscaling:EC2_INSTANCE_TERMINATING");

    private final String spelling;

    Transition(String spelling) {
      this.spelling = spelling;
    }

    /** As Auto Scaling writes it in {@code LifecycleTransition}. */
    public String spelling() {
      return spelling;
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a launch whose records cannot be written does: the hook's own choice. */
  public enum OnFailure {
    CONTINUE,
    ABANDON
  }

  static final String WARM_POOL = "WarmPool";
  private static final String ON_FAILURE = "ddns:on-failure=";

  public LifecycleHook {
    Objects.requireNonNull(group, "group == null");
    Objects.requireNonNull(hook, "hook == null");
    Objects.requireNonNull(token, "token == null");
    Objects.requireNonNull(transition, "transition == null");
    origin = origin == null ? "" : origin;
    destination = destination == null ? "" : destination;
    metadata = metadata == null ? "" : metadata;
  }

  /** The instance goes into the warm pool: stopped or hibernated there, so it gets no records. */
  public boolean intoWarmPool() {
    return destination.equals(WARM_POOL);
  }

  /** The metadata says the hook is this tool's: it holds a {@code ddns:} entry. */
  public boolean flaggedForTool() {
    return entries().anyMatch(e -> e.startsWith("ddns:"));
  }

  /**
   * The hook's choice for a launch whose records cannot be written ({@code ddns:on-failure=abandon
   * | continue} in its metadata); {@code CONTINUE} when it names none; empty when it names one this
   * tool does not know (the caller alerts and continues).
   */
  public Optional<OnFailure> onFailure() {
    Optional<String> given =
        entries()
            .filter(e -> e.startsWith(ON_FAILURE))
            .map(e -> e.substring(ON_FAILURE.length()))
            .findFirst();
    if (given.isEmpty()) {
      return Optional.of(OnFailure.CONTINUE);
    }
    return switch (given.get().toLowerCase(Locale.ROOT)) {
      case "continue" -> Optional.of(OnFailure.CONTINUE);
      case "abandon" -> Optional.of(OnFailure.ABANDON);
      default -> Optional.empty();
    };
  }

  /** Metadata entries: separated by white space, commas or semicolons. */
  private java.util.stream.Stream<String> entries() {
    return java.util.Arrays.stream(metadata.split("[\\s,;]+")).filter(e -> !e.isEmpty());
  }

  /** {@code hook 'NAME' of group 'GROUP'}, for notes and alerts. */
  public String describe() {
    return "lifecycle hook " + ddns.dns.Quoted.of(hook) + " of group " + ddns.dns.Quoted.of(group);
  }
}
