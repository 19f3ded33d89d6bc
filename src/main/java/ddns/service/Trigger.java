package ddns.service;

/**
 * Why an instance is looked at: an event (with the state it reported, if it reported one) or a
 * reconcile run. Message ids map failures back to SQS messages.
 */
record Trigger(
    String messageId,
    String eventId,
    String reportedState,
    String account,
    String region,
    String cause) {

  static Trigger reconcile(String runId) {
    return new Trigger(runId, runId, null, null, null, "reconcile");
  }
}
