package ddns.dns;

/**
 * Record types. This tool writes the first four; {@link #OTHER} stands for any type it finds but
 * never writes.
 */
public enum RecordType {
  A,
  AAAA,
  CNAME,
  PTR,
  /** Every zone's own records at its apex; this tool never writes them. */
  SOA,
  NS,
  OTHER;

  /** Parses Route 53's type name; types this tool does not write become {@link #OTHER}. */
  public static RecordType fromRoute53(String type) {
    for (RecordType t : values()) {
      if (t != OTHER && t.name().equals(type)) {
        return t;
      }
    }
    return OTHER;
  }
}
