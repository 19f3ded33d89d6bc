package ddns.dns;

/** A name that Route 53 would refuse or that this tool must not write; the message says why. */
public final class InvalidNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidNameException(String message) {
    super(message);
  }
}
