package ddns.aws.sts;

import ddns.alert.DefaultTopic;
import ddns.aws.AwsCall;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@link DefaultTopic} from STS {@code GetCallerIdentity} (which needs no permission): the caller's
 * account and partition, and the clients' region. The STS client is built on first use, so a
 * deployment that names its topic never loads it.
 */
public final class StsDefaultTopic implements DefaultTopic {
  private static final String NAME = "DDNSAlerts";

  private final Supplier<StsClient> sts;
  private final String region;
  private volatile String arn;

  public StsDefaultTopic(Supplier<StsClient> sts, String region) {
    this.sts = sts;
    this.region = region;
  }

  @Override
  public String arn() {
    String known = arn;
    if (known == null) {
      String caller =
          AwsCall.run("STS.GetCallerIdentity", () -> sts.get().getCallerIdentity().arn());
      String partition = caller.split(":")[1];
      String account = caller.split(":")[4];
      known = "arn:" + partition + ":sns:" + region + ":" + account + ":" + NAME;
      arn = known;
    }
    return known;
  }
}
