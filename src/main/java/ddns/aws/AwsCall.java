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
      String code = service.awsErrorDetails().errorCode();
      String message = service.awsErrorDetails().errorMessage();
      if (code == null && message == null) {
        // An answer with no error document (a 404 from an endpoint that lacks the operation).
        return operation + " failed: no error code (HTTP " + service.statusCode() + ")";
      }
      return operation
          + " failed: "
          + code
          + ": "
          + message
          + " (HTTP "
          + service.statusCode()
          + ")";
    }
    return operation + " failed: " + e.getMessage();
  }
}
