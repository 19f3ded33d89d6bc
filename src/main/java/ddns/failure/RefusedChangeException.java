package ddns.failure;

/**
 * Route 53 refused a change batch for its content ({@code InvalidChangeBatch} for another reason
 * than a zone changed since it was read): sent again as it is, it is refused again.
 */
public final class RefusedChangeException extends ServiceFailure {
  private static final long serialVersionUID = 1L;

  public RefusedChangeException(String message, Throwable cause) {
    super(message, cause);
  }
}
