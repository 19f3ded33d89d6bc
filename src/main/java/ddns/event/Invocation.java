package ddns.event;

import java.util.List;

/** A decoded invocation payload: the events, and whether they came as an SQS batch. */
public record Invocation(boolean sqsBatch, List<InboundEvent> events) {
  public Invocation {
    events = List.copyOf(events);
  }
}
