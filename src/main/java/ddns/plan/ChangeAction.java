package ddns.plan;

/**
 * What a planned change does to a record set. An UPSERT is sent as a CREATE, or a DELETE of what it
 * replaces and a CREATE, so Route 53 checks what it expects (see {@link PlannedChange}).
 */
public enum ChangeAction {
  UPSERT,
  DELETE
}
