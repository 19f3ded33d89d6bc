package ddns.failure;

/** A conditional registry write lost a race; re-read and re-plan. */
public final class ConcurrentUpdateException extends ServiceFailure {
  private static final long serialVersionUID = 1L;

  public ConcurrentUpdateException(String message, Throwable cause) {
    super(message, cause);
  }
}
