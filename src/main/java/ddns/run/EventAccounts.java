package ddns.run;

import static ddns.log.JsonLog.field;

import ddns.config.Reach;
import ddns.event.InboundEvent;
import ddns.facts.InstanceFacts;
import ddns.facts.InstanceId;
import ddns.facts.Workplace;
import ddns.facts.WorkplaceDirectory;
import ddns.failure.ServiceFailure;
import ddns.log.JsonLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which account an event comes from, held against the accounts served (docs/behaviour.md, "Many
 * accounts and regions"): accounts outside the organization, and other accounts' events when the
 * tool serves its own only.
 */
final class EventAccounts {
  private final Reach reach;
  private final WorkplaceDirectory workplaces;
  private final JsonLog log;

  EventAccounts(Reach reach, WorkplaceDirectory workplaces, JsonLog log) {
    this.reach = reach;
    this.workplaces = workplaces;
    this.log = log;
  }

  /**
   * The accounts of the batch's events that are not active accounts of the organization. The
   * organization's accounts are read (kept a while by the adapter) only when an event comes from an
   * account other than the tool's own.
   */
  Set<String> outsiders(List<InboundEvent> events, Workplace home) {
    Set<String> accounts = new TreeSet<>();
    for (InboundEvent event : events) {
      String account =
          switch (event) {
            case InboundEvent.StateChange c -> c.account();
            case InboundEvent.TagChange t -> t.account();
            case InboundEvent.AddressChange a -> a.account();
            case InboundEvent.LifecycleAction l -> l.account();
            case InboundEvent.LifecycleFollowUp f -> f.followUp().account();
            case InboundEvent.Scheduled s -> null;
            case InboundEvent.ReconcileUnit u -> null;
            case InboundEvent.Rejected r -> null;
          };
      if (Workplace.isAccount(account) && !account.equals(home.account())) {
        accounts.add(account);
      }
    }
    if (accounts.isEmpty()) {
      return Set.of();
    }
    accounts.removeAll(workplaces.organizationAccounts());
    return accounts;
  }

  /** One notice per account outside the organization, remembered like an instance's alerts. */
  static Map<String, String> notices(Set<String> outsiders) {
    Map<String, String> notices = new TreeMap<>();
    outsiders.forEach(
        a ->
            notices.put(
                "account " + a + " outside the organization",
                EventBatch.outsider(a)
                    + "; only the event bus policy should let such events in: check it"));
    return notices;
  }

  /**
   * Serving its own account only, the tool cannot see another account's instances: an event of
   * another account (a member template deployed before the central stack serves that account) names
   * an instance EC2 does not show here. It is refused at once, naming the setting, rather than
   * retried as a launch EC2 does not show yet. The tool's own account is looked up only then (STS,
   * once per container).
   *
   * @return the instances EC2 did not show whose events name another account, with the reason
   */
  Map<InstanceId, String> notServed(
      EventBatch batch, Map<InstanceId, InstanceFacts> found, Set<InstanceId> unread) {
    if (reach.beyondOwn()) {
      return Map.of();
    }
    Map<InstanceId, String> accounts = new LinkedHashMap<>();
    batch
        .byInstance()
        .forEach(
            (id, triggers) -> {
              if (!found.containsKey(id) && !unread.contains(id)) {
                triggers.stream()
                    .flatMap(t -> t.account().stream())
                    .findFirst()
                    .ifPresent(a -> accounts.put(id, a));
              }
            });
    if (accounts.isEmpty()) {
      return Map.of();
    }
    String own;
    try {
      own = workplaces.ownAccount();
    } catch (ServiceFailure e) {
      log.warn(
          "could not tell which account route53-ddns runs in; events EC2 does not show are"
              + " treated as launches not visible yet",
          field("error", e.getMessage()));
      return Map.of();
    }
    Map<InstanceId, String> refused = new LinkedHashMap<>();
    accounts.forEach(
        (id, account) -> {
          if (!account.equals(own)) {
            refused.put(
                id,
                "the event comes from account "
                    + account
                    + ", which route53-ddns does not serve: it serves its own account "
                    + own
                    + " only; to serve "
                    + account
                    + ", list it in DDNS_ACCOUNTS (the stack's MemberAccounts)");
          }
        });
    return refused;
  }
}
