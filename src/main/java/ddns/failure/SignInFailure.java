package ddns.failure;

/**
 * No AWS credentials could be found or obtained: a profile missing or broken, a role that cannot be
 * assumed, an expired SSO session, an empty default chain. The message names where the tool looked.
 */
public final class SignInFailure extends ServiceFailure {
  private static final long serialVersionUID = 1L;

  public SignInFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
