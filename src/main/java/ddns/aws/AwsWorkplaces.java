package ddns.aws;

import ddns.config.Reach;
import ddns.facts.Workplace;
import ddns.facts.WorkplaceDirectory;
import java.util.List;
import java.util.function.Supplier;

/** {@link WorkplaceDirectory} from STS (the tool's own account) and AWS Organizations. */
public final class AwsWorkplaces implements WorkplaceDirectory {
  private final Supplier<Workplace> home;
  private final Reach reach;

  AwsWorkplaces(Supplier<Workplace> home, Reach reach) {
    this.home = home;
    this.reach = reach;
  }

  @Override
  public Workplace home() {
    return home.get();
  }

  @Override
  public List<String> organizationAccounts() {
    throw new UnsupportedOperationException("not yet");
  }
}
