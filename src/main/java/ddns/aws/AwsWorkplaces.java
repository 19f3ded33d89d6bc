package ddns.aws;

import ddns.facts.Workplace;
import ddns.facts.WorkplaceDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** {@link WorkplaceDirectory} from STS (the tool's own account) and AWS Organizations. */
public final class AwsWorkplaces implements WorkplaceDirectory {
  private final Supplier<Workplace> home;
  private final Supplier<String> ownAccount;
  private final Supplier<List<String>> organization;
  private final Clock clock;
  private List<String> accounts;
  private Instant readAt;

  /** How long the organization's accounts are kept. */
  static final Duration ORGANIZATION_TTL = Duration.ofMinutes(5);

  AwsWorkplaces(
      Supplier<Workplace> home,
      Supplier<String> ownAccount,
      Supplier<List<String>> organization,
      Clock clock) {
    this.clock = clock;
    this.home = home;
    this.ownAccount = ownAccount;
    this.organization = organization;
  }

  @Override
  public String ownAccount() {
    return ownAccount.get();
  }

  @Override
  public Workplace home() {
    return home.get();
  }

  /**
   * Read again once {@link #ORGANIZATION_TTL} has passed, so that every event from another account
   * does not cost a call: an account that joins or leaves is seen within that time.
   */
  @Override
  public synchronized List<String> organizationAccounts() {
    Instant now = clock.instant();
    if (accounts == null || !now.isBefore(readAt.plus(ORGANIZATION_TTL))) {
      accounts = List.copyOf(organization.get());
      readAt = now;
    }
    return accounts;
  }
}
