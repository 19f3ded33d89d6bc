package ddns.facts;

import ddns.failure.ServiceFailure;
import java.util.List;

/**
 * Where the tool runs and which accounts make up its organization. Failures are thrown as {@link
 * ServiceFailure}.
 */
public interface WorkplaceDirectory {

  /**
   * The tool's own workplace. Its account is looked up (STS) only when the tool serves another
   * account or region; otherwise it is {@link Workplace#own}.
   */
  Workplace home();

  /**
   * The account the tool runs in, looked up (STS {@code GetCallerIdentity}) on first use and kept,
   * also when it serves no other account.
   */
  String ownAccount();

  /** The active accounts of the AWS Organization the tool's account belongs to. */
  List<String> organizationAccounts();
}
