package ddns.config;

import ddns.dns.DnsName;
import ddns.dns.InvalidNameException;
import ddns.facts.Workplace;
import ddns.plan.AccountBoundary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts and regions the tool serves besides its own (docs/behaviour.md, "Many accounts and
 * regions"): {@code DDNS_ACCOUNTS} (account ids, or {@code organization} for every active account
 * of the AWS Organization), {@code DDNS_REGIONS}, and how it reaches another account: the role
 * {@code DDNS_MEMBER_ROLE_NAME} there, with {@code DDNS_MEMBER_EXTERNAL_ID}. Its own account and
 * region are always served, without a role.
 */
public record Reach(
    List<String> accounts,
    boolean wholeOrganization,
    List<String> regions,
    String memberRoleName,
    Optional<String> externalId,
    AccountBoundary boundary) {

  public Reach {
    accounts = List.copyOf(accounts);
    regions = List.copyOf(regions);
    Objects.requireNonNull(boundary, "boundary == null");
  }

  /** Nothing shared across accounts, no account limited to zones. */
  public Reach(
      List<String> accounts,
      boolean wholeOrganization,
      List<String> regions,
      String memberRoleName,
      Optional<String> externalId) {
    this(accounts, wholeOrganization, regions, memberRoleName, externalId, AccountBoundary.STRICT);
  }

  /** This reach, with where each account's names end ({@code DDNS_SHARED_ACROSS_ACCOUNTS}, …). */
  Reach bounded(AccountBoundary boundary) {
    return new Reach(accounts, wholeOrganization, regions, memberRoleName, externalId, boundary);
  }

  /**
   * {@code DDNS_ACCOUNT_ZONES}: {@code ACCOUNT=zone zone;ACCOUNT=zone}, each account id with the
   * zones its instances may write in.
   *
   * @throws IllegalArgumentException naming the setting and the entry refused
   */
  static Map<String, Set<DnsName>> accountZones(String text) {
    Map<String, Set<DnsName>> zones = new java.util.TreeMap<>();
    for (String entry : text.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.split("=", 2);
      String account = parts[0].trim();
      if (parts.length != 2 || !Workplace.isAccount(account)) {
        throw new IllegalArgumentException(
            "DDNS_ACCOUNT_ZONES entries are ACCOUNT=zone[,zone…], separated by ';'; '"
                + entry.trim()
                + "' is not");
      }
      Set<DnsName> names = new LinkedHashSet<>();
      for (String zone : parts[1].split("[,\\s]+")) {
        if (!zone.isBlank()) {
          try {
            names.add(DnsName.parse(zone));
          } catch (InvalidNameException e) {
            throw new IllegalArgumentException("DDNS_ACCOUNT_ZONES: " + e.getMessage());
          }
        }
      }
      zones.put(account, names);
    }
    return zones;
  }

  /**
   * From the settings' values, checked as AWS would: account ids of 12 digits or {@code
   * organization}, regions, an IAM role name, an external id.
   *
   * @throws IllegalArgumentException naming the setting and the value refused
   */
  static Reach of(List<String> accounts, List<String> regions, String role, String externalId) {
    List<String> ids = new ArrayList<>();
    boolean organization = false;
    for (String part : accounts) {
      if (part.equalsIgnoreCase("organization")) {
        organization = true;
      } else if (Workplace.isAccount(part)) {
        ids.add(part);
      } else {
        throw new IllegalArgumentException(
            "DDNS_ACCOUNTS must list account ids (12 digits) or say 'organization'; '"
                + part
                + "' is neither");
      }
    }
    if (organization && !ids.isEmpty()) {
      throw new IllegalArgumentException(
          "DDNS_ACCOUNTS is either 'organization' or a list of account ids, not both");
    }
    for (String part : regions) {
      if (!Workplace.isRegion(part)) {
        throw new IllegalArgumentException(
            "DDNS_REGIONS must list AWS regions (e.g. eu-west-1); '" + part + "' is none");
      }
    }
    if (!role.matches("[\\w+=,.@-]{1,64}")) {
      throw new IllegalArgumentException(
          "DDNS_MEMBER_ROLE_NAME must be an IAM role name (1 to 64 letters, digits and +=,.@_-),"
              + " was '"
              + role
              + "'");
    }
    if (!externalId.isEmpty() && !externalId.matches("[\\w+=,.@:/-]{2,1224}")) {
      throw new IllegalArgumentException(
          "DDNS_MEMBER_EXTERNAL_ID must be 2 to 1224 letters, digits and +=,.@:/_-");
    }
    return new Reach(
        List.copyOf(new LinkedHashSet<>(ids)),
        organization,
        List.copyOf(new LinkedHashSet<>(regions)),
        role,
        externalId.isEmpty() ? Optional.empty() : Optional.of(externalId));
  }

  /** Only the tool's own account and region, as before these settings existed. */
  public static Reach ownOnly() {
    return new Reach(List.of(), false, List.of(), "route53-ddns-member", Optional.empty());
  }

  /** Whether the tool serves any account or region besides its own. */
  public boolean beyondOwn() {
    return wholeOrganization || !accounts.isEmpty() || !regions.isEmpty();
  }

  /**
   * Every workplace served: the accounts (its own first, then {@code listed}) times the regions
   * (its own first, then {@code DDNS_REGIONS}).
   *
   * @param listed the accounts named, or those of the organization when {@code wholeOrganization}
   */
  public List<Workplace> workplaces(Workplace home, List<String> listed) {
    Set<String> allAccounts = new LinkedHashSet<>();
    allAccounts.add(home.account());
    allAccounts.addAll(listed);
    Set<String> allRegions = new LinkedHashSet<>();
    allRegions.add(home.region());
    allRegions.addAll(regions);
    return allAccounts.stream()
        .flatMap(a -> allRegions.stream().map(r -> new Workplace(a, r)))
        .toList();
  }

  /**
   * Why an event of {@code where} is not served, or empty when it is.
   *
   * @param home the tool's own workplace
   */
  public Optional<String> refusal(Workplace where, Workplace home) {
    if (where.equals(home)) {
      return Optional.empty();
    }
    boolean regionServed = where.region().equals(home.region()) || regions.contains(where.region());
    boolean accountServed =
        wholeOrganization
            || where.account().equals(home.account())
            || accounts.contains(where.account());
    if (!accountServed) {
      return Optional.of(
          "account " + where.account() + " is not served: DDNS_ACCOUNTS does not list it");
    }
    if (!regionServed) {
      return Optional.of(
          "region "
              + where.region()
              + " is not served: it is not the tool's own ("
              + home.region()
              + ") and DDNS_REGIONS does not list it");
    }
    return Optional.empty();
  }
}
