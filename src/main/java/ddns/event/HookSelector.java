package ddns.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which lifecycle hooks are this tool's (docs/behaviour.md, "Lifecycle hooks"): a hook whose name
 * matches {@code DDNS_LIFECYCLE_HOOK} ({@code *} stands for any run of characters), or whose
 * metadata holds a {@code ddns:} entry. Any other hook is someone else's: its actions are left
 * alone, never completed.
 */
public record HookSelector(String pattern) {
  /** Auto Scaling's hook names, with {@code *} for the pattern's wildcard. */
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_/*-]{1,255}");

  public HookSelector {
    Objects.requireNonNull(pattern, "pattern == null");
    if (!VALID.matcher(pattern).matches()) {
      throw new IllegalArgumentException(
          "must be a lifecycle hook name pattern: 1 to 255 letters, digits, '-', '_', '/' and '*', was '"
              + pattern
              + "'");
    }
  }

  public static final HookSelector DEFAULT = new HookSelector("route53-ddns*");

  public boolean selects(LifecycleHook hook) {
    return matches(hook.hook()) || hook.flaggedForTool();
  }

  boolean matches(String hookName) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString()).matcher(hookName).matches();
  }
}
