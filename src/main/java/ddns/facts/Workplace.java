package ddns.facts;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An account and region the tool serves instances in. Instance and VPC ids are unique only within
 * one; an id of any other workplace than the tool's own is written qualified, {@code
 * ACCOUNT/REGION/id} (docs/decisions.md, "Workplaces"), so ids of two workplaces never collide.
 */
public record Workplace(String account, String region) {
  /** The account of {@link #own}: the tool's own, not looked up. */
  private static final String OWN_ACCOUNT = "";

  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");
  private static final Pattern QUALIFIED =
      Pattern.compile("([0-9]{12})/([a-z]{2}(?:-[a-z]+)+-[0-9]{1,2})/(.+)");

  public Workplace {
    Objects.requireNonNull(account, "account == null");
    Objects.requireNonNull(region, "region == null");
    if (!account.equals(OWN_ACCOUNT) && !isAccount(account)) {
      throw new IllegalArgumentException("'" + account + "' is not an AWS account id (12 digits)");
    }
    if (!isRegion(region)) {
      throw new IllegalArgumentException("'" + region + "' is not an AWS region (e.g. eu-west-1)");
    }
  }

  /**
   * The tool's own workplace when it serves no other: its region, its account not looked up (that
   * would cost a call, and nothing compares it with another).
   */
  public static Workplace own(String region) {
    return new Workplace(OWN_ACCOUNT, region);
  }

  public static boolean isAccount(String text) {
    return text != null && ACCOUNT.matcher(text).matches();
  }

  public static boolean isRegion(String text) {
    return text != null && REGION.matcher(text).matches();
  }

  /** {@code ACCOUNT/REGION/localId}. */
  public String qualify(String localId) {
    return account + "/" + region + "/" + localId;
  }

  /** An id as this workplace's code writes it: unchanged in the home workplace, else qualified. */
  public String qualify(String localId, Workplace home) {
    return equals(home) ? localId : qualify(localId);
  }

  /** An id split into its workplace (absent: the tool's own) and the id EC2 knows. */
  public record Local(Optional<Workplace> workplace, String id) {}

  public static Local split(String id) {
    Matcher m = QUALIFIED.matcher(id);
    if (m.matches()) {
      return new Local(Optional.of(new Workplace(m.group(1), m.group(2))), m.group(3));
    }
    return new Local(Optional.empty(), id);
  }

  @Override
  public String toString() {
    return account.equals(OWN_ACCOUNT) ? region : account + "/" + region;
  }
}
