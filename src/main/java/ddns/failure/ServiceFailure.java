package ddns.failure;

/**
 * An AWS call that failed after the SDK's retries, or failed permanently. The message names the
 * service, the operation and the AWS error code.
 */
public class ServiceFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ServiceFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
