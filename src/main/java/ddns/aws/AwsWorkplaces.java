package ddns.aws;

import ddns.facts.Workplace;
import ddns.facts.WorkplaceDirectory;
import java.util.List;
import java.util.function.Supplier;

/** {@link WorkplaceDirectory} from STS (the tool's own account) and AWS Organizations. */
public final class AwsWorkplaces implements WorkplaceDirectory {
  private final Supplier<Workplace> home;
  private final Supplier<String> ownAccount;
  private final Supplier<List<String>> organization;

  AwsWorkplaces(
      Supplier<Workplace> home, Supplier<String> ownAccount, Supplier<List<String>> organization) {
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

  @Override
  public List<String> organizationAccounts() {
    return organization.get();
  }
}
