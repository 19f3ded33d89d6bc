package ddns.cli;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a command may create its registry table. Without a stack and without {@code DDNS_TABLE},
 * the CLI's defaults ({@code DDNS_TABLE=DDNS}, {@code DDNS_CREATE_TABLE=true}) would create a new
 * table in a real account, beside a deployed stack's, and start a second registry that knows none
 * of the stack's records. Against a local endpoint (an emulator) that is what is wanted; against
 * AWS it takes {@code --create-table}.
 *
 * <table>
 *   <caption>When a command is refused</caption>
 *   <tr><th>stack</th><th>DDNS_TABLE</th><th>would create</th><th>endpoint</th><th>--create-table</th><th>refused</th></tr>
 *   <tr><td>named</td><td>any</td><td>any</td><td>any</td><td>any</td><td>no (the stack's table)</td></tr>
 *   <tr><td>none</td><td>set</td><td>any</td><td>any</td><td>any</td><td>no</td></tr>
 *   <tr><td>none</td><td>unset</td><td>no</td><td>any</td><td>any</td><td>no</td></tr>
 *   <tr><td>none</td><td>unset</td><td>yes</td><td>local</td><td>any</td><td>no</td></tr>
 *   <tr><td>none</td><td>unset</td><td>yes</td><td>AWS</td><td>given</td><td>no</td></tr>
 *   <tr><td>none</td><td>unset</td><td>yes</td><td>AWS</td><td>absent</td><td>yes</td></tr>
 * </table>
 */
final class TableGuard {
  private TableGuard() {}

  /** Why the command must not run as it is; empty when it may. */
  static Optional<String> refusal(Map<String, String> env, boolean createTableGiven) {
    if (createTableGiven || isSet(env, "DDNS_TABLE") || !wouldCreate(env) || isLocal(env)) {
      return Optional.empty();
    }
    return Optional.of(
        "neither a stack (--stack NAME or DDNS_STACK) nor a table (DDNS_TABLE) is named, so this"
            + " would create a new registry table 'DDNS' in AWS, a second registry beside any"
            + " deployed stack's: name the stack, or the table, or give --create-table to create"
            + " 'DDNS'");
  }

  private static boolean wouldCreate(Map<String, String> env) {
    String value = env.getOrDefault("DDNS_CREATE_TABLE", "").strip().toLowerCase(Locale.ROOT);
    return !(value.equals("false")
        || value.equals("no")
        || value.equals("0")
        || value.equals("off"));
  }

  /** An endpoint on this machine: an emulator, never an AWS account. */
  static boolean isLocal(Map<String, String> env) {
    String endpoint = env.get("AWS_ENDPOINT_URL");
    if (endpoint == null || endpoint.isBlank()) {
      return false;
    }
    String host;
    try {
      host = URI.create(endpoint.strip()).getHost();
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    return host.equals("localhost")
        || host.endsWith(".localhost")
        || host.startsWith("127.")
        || host.equals("[::1]")
        || host.equals("::1");
  }

  private static boolean isSet(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }
}
