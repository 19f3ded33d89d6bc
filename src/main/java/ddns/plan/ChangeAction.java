package ddns.plan;

/** Route 53 change actions this tool sends. CREATE is not used: UPSERT after an ownership check. */
public enum ChangeAction {
  UPSERT,
  DELETE
}
