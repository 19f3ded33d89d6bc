package ddns.aws;

import ddns.failure.ServiceFailure;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs one SDK call and turns its failure into a {@link ServiceFailure} that names the call. */
public final class AwsCall {
  private AwsCall() {}

  public static <T> T run(String operation, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new ServiceFailure(describe(operation, e), e);
    }
  }

  public static String describe(String operation, SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return operation
          + " failed: "
          + service.awsErrorDetails().errorCode()
          + ": "
          + service.awsErrorDetails().errorMessage()
          + " (HTTP "
          + service.statusCode()
          + ")";
    }
    return operation + " failed: " + e.getMessage();
  }
}
