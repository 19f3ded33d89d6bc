package ddns.alert;

/** Why an instance did not get every record it asked for. */
public enum AlertKind {
  INVALID_TAG,
  NO_SUCH_ZONE,
  ZONE_NOT_ALLOWED,
  CNAME_AT_APEX,
  NAME_CONFLICT,
  FOREIGN_RECORD,
  DNS_SUPPORT_DISABLED,
  MISSING_REVERSE_ZONE,
  ASSOCIATION_FAILED,
  /** A record this tool wrote was changed outside it; it is left as it is and released. */
  RECORD_EDITED,
  /** A change Route 53 would refuse; the instance's other changes go ahead. */
  RECORD_REFUSED,
  /** Joining a private zone would hide public names from the VPC; it is not joined. */
  ASSOCIATION_REFUSED,
  /** A host name another running instance holds; the later instance does not get it. */
  NAME_TAKEN,
  /** The host-name pattern gave no usable name for the instance. */
  NAME_UNUSABLE,
  /** The account or region the instance runs in cannot be read: its member role, say. */
  WORKPLACE_UNREACHABLE,
  /**
   * A launch held by a lifecycle hook whose records could not be written: the action was completed
   * as the hook asks ({@code CONTINUE} by default, {@code ABANDON} when its metadata says so).
   */
  LIFECYCLE_RECORDS_FAILED,
  /** A lifecycle hook's metadata names an {@code on-failure} choice the tool does not know. */
  INVALID_HOOK_METADATA
}
