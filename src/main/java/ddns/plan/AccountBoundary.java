package ddns.plan;

import ddns.alert.Alert;
import ddns.alert.AlertKind;
import ddns.dns.DesiredRecord;
import ddns.dns.DnsName;
import ddns.dns.RecordKey;
import ddns.facts.InstanceId;
import ddns.facts.Workplace;
import ddns.registry.Claimant;
import ddns.registry.RegistrySnapshot;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where one account's names end (docs/behaviour.md, "Many accounts and regions"). A record set held
 * by an instance of one account (a CNAME, a pool, a pointer, a host name) is not taken by an
 * instance of another account: that one gets {@code NAME_TAKEN} and nothing changes, unless the
 * name, or a zone it lies in, is shared on purpose ({@code DDNS_SHARED_ACROSS_ACCOUNTS}). An
 * account given its zones ({@code DDNS_ACCOUNT_ZONES}) writes nowhere else.
 *
 * <pre>
 * held by              asked by             shared?   result
 * 111… i-a (CNAME)     222… i-b, later      no        i-a keeps it; i-b gets NAME_TAKEN
 * 111… i-a (pool)      222… i-b             no        i-b does not join; NAME_TAKEN
 * 111… i-a             222… i-b, later      yes       the usual rule: i-b's content (newest)
 * 111… i-a             111… i-c, later      -         the usual rule
 * </pre>
 *
 * @param shared names and zones whose record sets instances of several accounts may share
 * @param accountZones per account, the zones its instances may write in; an account not listed may
 *     write in any zone the other settings allow
 */
public record AccountBoundary(Set<DnsName> shared, Map<String, Set<DnsName>> accountZones) {

  /** Nothing shared across accounts, no account limited to zones: the default. */
  public static final AccountBoundary STRICT = new AccountBoundary(Set.of(), Map.of());

  public AccountBoundary {
    shared = Set.copyOf(shared);
    accountZones = Map.copyOf(accountZones);
  }

  /**
   * The account an instance is in: the one its id names, else the tool's own ({@code own}, empty
   * while the tool serves no other account and so has not looked it up).
   */
  static String accountOf(InstanceId id, String own) {
    return id.workplace().map(Workplace::account).orElse(own);
  }

  private static String named(String account) {
    return account.isEmpty() ? "route53-ddns's own account" : "account " + account;
  }

  private boolean shares(DnsName name) {
    return shared.stream().anyMatch(name::isWithin);
  }

  /** The instance that holds a record set, and its account. */
  record Holder(InstanceId instanceId, String account) {}

  /**
   * Who holds each record set the batch asks for: its earliest launched claimant that keeps wanting
   * it, else the earliest launched instance of the batch that wants it.
   */
  Map<RecordKey, Holder> holders(List<Intent> intents, RegistrySnapshot registry, String own) {
    Wanted wanted = new Wanted(intents, (intent, d) -> !shares(d.key().name()));
    Map<RecordKey, Holder> holders = new HashMap<>();
    wanted
        .byKey()
        .forEach(
            (key, candidates) -> {
              InstanceId holder =
                  wanted
                      .keeping(key, registry)
                      .min(EARLIEST)
                      .map(Claimant::instanceId)
                      .orElseGet(() -> Wanted.earliest(candidates).instanceId());
              holders.put(key, new Holder(holder, accountOf(holder, own)));
            });
    return holders;
  }

  private static final Comparator<Claimant> EARLIEST =
      Comparator.comparing(Claimant::launchTime).thenComparing(Claimant::instanceId);

  /**
   * The alert for a record the instance may not have across the boundary: a zone its account is not
   * given, or a record set another account's instance holds.
   */
  Optional<Alert> crossing(
      Intent intent, DesiredRecord d, Map<RecordKey, Holder> holders, String own) {
    String account = accountOf(intent.instanceId(), own);
    Set<DnsName> zones = accountZones.get(account);
    if (zones != null && zones.stream().noneMatch(d.zoneName()::isWithin)) {
      return Optional.of(
          new Alert(
              intent.instanceId(),
              AlertKind.ZONE_NOT_ALLOWED,
              d.key().type()
                  + " "
                  + d.key().name()
                  + " lies in zone "
                  + d.zoneName()
                  + ", which DDNS_ACCOUNT_ZONES does not give "
                  + named(account)
                  + ": no record is written there"));
    }
    Holder holder = holders.get(d.key());
    if (holder == null || holder.account().equals(account)) {
      return Optional.empty();
    }
    return Optional.of(
        new Alert(
            intent.instanceId(),
            AlertKind.NAME_TAKEN,
            d.where()
                + " is held by "
                + named(holder.account())
                + " (instance "
                + holder.instanceId()
                + "); an instance of "
                + named(account)
                + " does not take it. To share it across accounts on purpose, list the name or"
                + " its zone in DDNS_SHARED_ACROSS_ACCOUNTS"));
  }
}
