package ddns.plan;

import ddns.dns.DnsName;
import ddns.dns.InvalidNameException;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a ChangeResourceRecordSets batch against the rules real Route 53 enforces and the AWS
 * emulator does not (docs/behaviour.md, "Route 53's rules"): names inside the zone, no CNAME at the
 * apex or beside another record, values that parse for their type, one change per name and type,
 * the per-set limits (400 values, 4,000 characters a value) and the per-request limits. An empty
 * result means Route 53 would accept the batch.
 */
public final class ChangeBatchValidator {
  /** Per request; a replacement (a DELETE and a CREATE) counts both sets. */
  public static final int MAX_RECORDS = 1000;

  public static final int MAX_VALUE_CHARACTERS = 32_000;

  /** Route 53's quota of values in one record set (a pool's addresses). */
  public static final int MAX_VALUES_PER_SET = 400;

  /** The longest value Route 53 takes in one resource record. */
  public static final int MAX_VALUE_LENGTH = 4_000;

  public List<String> violations(DnsName zoneName, List<PlannedChange> changes) {
    List<String> found = new ArrayList<>();
    if (changes.isEmpty()) {
      found.add("a change batch needs at least one change");
    }
    refusals(zoneName, changes).values().forEach(found::addAll);
    if (recordCount(changes) > MAX_RECORDS) {
      found.add("batch has " + recordCount(changes) + " records; Route 53 accepts " + MAX_RECORDS);
    }
    if (valueCharacters(changes) > MAX_VALUE_CHARACTERS) {
      found.add(
          "batch has "
              + valueCharacters(changes)
              + " value characters; Route 53 accepts "
              + MAX_VALUE_CHARACTERS);
    }
    return found;
  }

  /**
   * The changes Route 53 would refuse, each with its reasons; a rule broken by several changes
   * together (two changes for one name and type, a CNAME beside another record) names each of them.
   * Changes not in the result are acceptable. The per-request limits are not checked here: {@link
   * ChangeBatches} keeps requests within them.
   */
  public Map<PlannedChange, List<String>> refusals(DnsName zoneName, List<PlannedChange> changes) {
    Map<PlannedChange, List<String>> found = new LinkedHashMap<>();
    for (PlannedChange change : changes) {
      List<String> problems = new ArrayList<>(placementProblems(zoneName, change));
      problems.addAll(contentProblems(change));
      problems.addAll(sizeProblems(change));
      if (!problems.isEmpty()) {
        found.computeIfAbsent(change, c -> new ArrayList<>()).addAll(problems);
      }
    }
    List<Refusal> together = new ArrayList<>(sameNameAndType(changes));
    together.addAll(cnameBesideOthers(changes));
    together.forEach(
        r -> found.computeIfAbsent(r.change(), k -> new ArrayList<>()).add(r.reason()));
    return found;
  }

  /** A change refused for a rule it breaks together with other changes of the batch. */
  private record Refusal(PlannedChange change, String reason) {}

  private static String where(PlannedChange change) {
    return change.action() + " " + change.set().type() + " " + change.set().name();
  }

  /** The change belongs in this zone, below its apex where it is a CNAME. */
  private static List<String> placementProblems(DnsName zoneName, PlannedChange change) {
    RecordSet set = change.set();
    String where = where(change);
    List<String> problems = new ArrayList<>();
    if (!change.zoneName().equals(zoneName)) {
      problems.add(where + ": planned for zone " + change.zoneName() + ", not " + zoneName);
    }
    if (!set.name().isWithin(zoneName)) {
      problems.add(where + ": name is outside zone " + zoneName);
    }
    if (set.type() == RecordType.CNAME && set.name().equals(zoneName)) {
      problems.add(where + ": a CNAME is not allowed at the zone apex");
    }
    return problems;
  }

  /** The TTL is in range, the values parse for the type, and a CNAME has one value. */
  private static List<String> contentProblems(PlannedChange change) {
    RecordSet set = change.set();
    String where = where(change);
    List<String> problems = new ArrayList<>();
    if (set.ttl() < 0 || set.ttl() > 2_147_483_647L) {
      problems.add(where + ": TTL out of range: " + set.ttl());
    }
    set.values()
        .forEach(v -> valueProblem(set.type(), v).ifPresent(p -> problems.add(where + ": " + p)));
    if (set.type() == RecordType.CNAME && set.values().size() != 1) {
      problems.add(where + ": a CNAME has exactly one value");
    }
    return problems;
  }

  /** The set is within the per-set limits, and the change fits in one request. */
  private static List<String> sizeProblems(PlannedChange change) {
    RecordSet set = change.set();
    String where = where(change);
    List<String> problems = new ArrayList<>();
    if (change.action() != ChangeAction.DELETE && set.values().size() > MAX_VALUES_PER_SET) {
      problems.add(
          where
              + ": "
              + set.values().size()
              + " values; Route 53 takes at most "
              + MAX_VALUES_PER_SET
              + " in one record set");
    }
    set.values().stream()
        .filter(v -> v.length() > MAX_VALUE_LENGTH)
        .findFirst()
        .ifPresent(
            v ->
                problems.add(
                    where
                        + ": a value of "
                        + v.length()
                        + " characters; Route 53 takes at most "
                        + MAX_VALUE_LENGTH));
    if (recordCount(change) > MAX_RECORDS || valueCharacters(change) > MAX_VALUE_CHARACTERS) {
      problems.add(
          where
              + ": "
              + recordCount(change)
              + " records and "
              + valueCharacters(change)
              + " value characters do not fit in one Route 53 request ("
              + MAX_RECORDS
              + " records, "
              + MAX_VALUE_CHARACTERS
              + " characters, a replaced set counting with the new one)");
    }
    return problems;
  }

  /** Two or more changes for one name and type: each of them is refused. */
  private static List<Refusal> sameNameAndType(List<PlannedChange> changes) {
    Map<String, List<PlannedChange>> byNameAndType = new HashMap<>();
    for (PlannedChange change : changes) {
      byNameAndType
          .computeIfAbsent(change.set().name() + " " + change.set().type(), k -> new ArrayList<>())
          .add(change);
    }
    List<Refusal> refused = new ArrayList<>();
    byNameAndType.forEach(
        (nameAndType, group) -> {
          if (group.size() > 1) {
            group.forEach(
                c ->
                    refused.add(
                        new Refusal(
                            c,
                            c.action()
                                + " "
                                + nameAndType
                                + ": more than one change for this name and type")));
          }
        });
    return refused;
  }

  /** UPSERTs of a CNAME and another type at one name: each of them is refused. */
  private static List<Refusal> cnameBesideOthers(List<PlannedChange> changes) {
    Map<DnsName, List<PlannedChange>> upsertsByName = new HashMap<>();
    for (PlannedChange change : changes) {
      if (change.action() == ChangeAction.UPSERT) {
        upsertsByName.computeIfAbsent(change.set().name(), n -> new ArrayList<>()).add(change);
      }
    }
    List<Refusal> refused = new ArrayList<>();
    upsertsByName.forEach(
        (name, group) -> {
          Set<RecordType> types = new TreeSet<>();
          group.forEach(c -> types.add(c.set().type()));
          if (types.contains(RecordType.CNAME) && types.size() > 1) {
            group.forEach(
                c ->
                    refused.add(
                        new Refusal(c, name + ": a CNAME cannot share its name with " + types)));
          }
        });
    return refused;
  }

  /** Records as Route 53 counts them for the per-batch limit. */
  static int recordCount(List<PlannedChange> changes) {
    return changes.stream().mapToInt(ChangeBatchValidator::recordCount).sum();
  }

  /**
   * An upsert is sent as a DELETE of what it replaces and a CREATE (see {@link PlannedChange}), so
   * both sets count; a deletion counts its own.
   */
  static int recordCount(PlannedChange change) {
    int values = change.set().values().size();
    if (change.action() != ChangeAction.UPSERT) {
      return values;
    }
    return values + change.replaces().map(r -> r.values().size()).orElse(0);
  }

  static int valueCharacters(List<PlannedChange> changes) {
    return changes.stream().mapToInt(ChangeBatchValidator::valueCharacters).sum();
  }

  static int valueCharacters(PlannedChange change) {
    int chars = change.set().values().stream().mapToInt(String::length).sum();
    if (change.action() != ChangeAction.UPSERT) {
      return chars;
    }
    return chars
        + change.replaces().map(r -> r.values().stream().mapToInt(String::length).sum()).orElse(0);
  }

  private static Optional<String> valueProblem(RecordType type, String value) {
    return switch (type) {
      case A ->
          ReverseNames.isIpv4(value) && value.chars().filter(c -> c == '.').count() == 3
              ? Optional.empty()
              : Optional.of("'" + value + "' is not an IPv4 address");
      case AAAA ->
          ReverseNames.isIpv6(value)
              ? Optional.empty()
              : Optional.of("'" + value + "' is not an IPv6 address");
      case CNAME, PTR -> nameProblem(value);
      case SOA, NS, OTHER -> Optional.of("this tool never writes records of other types");
    };
  }

  private static Optional<String> nameProblem(String value) {
    try {
      DnsName.parse(value);
      return Optional.empty();
    } catch (InvalidNameException e) {
      return Optional.of(e.getMessage());
    }
  }
}
