package ddns.dns;

/**
 * Text from outside the tool (tag values and keys, record values edited by hand) as it goes into
 * messages for people, alert e-mails included: in single quotes, on one line (control and line
 * separator characters escaped), and shortened, so a hostile or careless value cannot reshape or
 * flood the message it appears in.
 */
public final class Quoted {
  /** Characters of the value shown at most, escapes included. */
  public static final int MAX = 64;

  private Quoted() {}

  public static String of(String text) {
    if (text == null) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          int type = Character.getType(c);
          boolean invisible =
              type == Character.CONTROL
                  || type == Character.FORMAT
                  || type == Character.LINE_SEPARATOR
                  || type == Character.PARAGRAPH_SEPARATOR;
          out.append(invisible ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
      }
    }
    String shown = out.length() <= MAX ? out.toString() : out.substring(0, MAX - 1) + "…";
    return "'" + shown + "'";
  }
}
