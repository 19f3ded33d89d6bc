package ddns.plan;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.dns.DnsName;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Route 53's rules that the emulator does not enforce (docs/behaviour.md), checked before sending.
 */
class ChangeBatchValidatorTest {
  private static final DnsName ZONE = DnsName.parse("zone.internal");
  private final ChangeBatchValidator validator = new ChangeBatchValidator();

  @Test
  void acceptsAnOrdinaryBatch() {
    assertThat(
            validator.violations(
                ZONE,
                List.of(
                    upsert("web.zone.internal", RecordType.A, "10.0.0.1"),
                    upsert("www.zone.internal", RecordType.CNAME, "web.zone.internal."),
                    delete("old.zone.internal", RecordType.A, "10.0.0.9"))))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "evilzone.internal     | A     | 10.0.0.1                  | outside zone",
        "other.example         | A     | 10.0.0.1                  | outside zone",
        "zone.internal         | CNAME | web.zone.internal.        | zone apex",
        "web.zone.internal     | A     | not-an-ip                 | not an IPv4",
        "web.zone.internal     | A     | 10.0.1                    | not an IPv4",
        "web.zone.internal     | A     | 2001:db8::1               | not an IPv4",
        "web.zone.internal     | AAAA  | 10.0.0.1                  | not an IPv6",
        "web.zone.internal     | CNAME | bad_name.example.         | character '_'",
        "web.zone.internal     | PTR   | *.example.                | wildcard",
      })
  void refuses(String name, RecordType type, String value, String problem) {
    assertThat(validator.violations(ZONE, List.of(upsert(name, type, value))))
        .singleElement()
        .asString()
        .contains(problem);
  }

  @Test
  void refusesARecordSetOfMoreThan400Values_andAcceptsOneOf400() {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < 401; i++) {
      addresses.add("10.0." + (i / 250) + "." + (i % 250 + 1));
    }
    PlannedChange full = upsertValues("pool.zone.internal", addresses.subList(0, 400));
    PlannedChange over = upsertValues("pool.zone.internal", addresses);

    assertThat(validator.refusals(ZONE, List.of(full))).isEmpty();
    assertThat(validator.refusals(ZONE, List.of(over)).get(over))
        .singleElement()
        .asString()
        .contains("401 values", "at most 400");
  }

  @Test
  void refusesACnameBesideAnotherRecordAtTheSameName() {
    assertThat(
            validator.violations(
                ZONE,
                List.of(
                    upsert("web.zone.internal", RecordType.A, "10.0.0.1"),
                    upsert("web.zone.internal", RecordType.CNAME, "x.zone.internal."))))
        .anyMatch(v -> v.contains("cannot share its name"));
  }

  @Test
  void refusesTwoChangesForOneNameAndType() {
    assertThat(
            validator.violations(
                ZONE,
                List.of(
                    upsert("web.zone.internal", RecordType.A, "10.0.0.1"),
                    delete("web.zone.internal", RecordType.A, "10.0.0.1"))))
        .anyMatch(v -> v.contains("more than one change"));
  }

  @Test
  void refusesACnameWithTwoValues() {
    PlannedChange two =
        new PlannedChange(
            ChangeAction.UPSERT,
            ZoneId.of("Z"),
            ZONE,
            new RecordSet(
                DnsName.parse("web.zone.internal"),
                RecordType.CNAME,
                60,
                List.of("a.zone.internal.", "b.zone.internal.")),
            InstanceId.of("i-00000001"));
    assertThat(validator.violations(ZONE, List.of(two)))
        .anyMatch(v -> v.contains("exactly one value"));
  }

  @Test
  void countsAReplacementTwiceAgainstTheThousandRecordLimit_andACreationOnce() {
    List<PlannedChange> replacements = new ArrayList<>();
    List<PlannedChange> creations = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      PlannedChange created = upsert("h" + i + ".zone.internal", RecordType.A, "10.0.0.1");
      creations.add(created);
      replacements.add(
          new PlannedChange(
              created.action(),
              created.zoneId(),
              created.zoneName(),
              created.set(),
              created.instanceId(),
              Optional.of(
                  new RecordSet(created.set().name(), RecordType.A, 60, List.of("10.0.0.2")))));
    }
    assertThat(validator.violations(ZONE, replacements.subList(0, 500))).isEmpty();
    assertThat(validator.violations(ZONE, replacements))
        .singleElement()
        .asString()
        .contains("1002 records");
    assertThat(validator.violations(ZONE, creations)).isEmpty();
  }

  @Test
  void refusesAPoolPastRoute53sValuesPerSet_ratherThanFailingItsZone() {
    List<String> old = new ArrayList<>();
    for (int i = 0; i < 399; i++) {
      old.add("10.0." + (i / 250) + "." + (i % 250 + 1));
    }
    List<String> grown = new ArrayList<>(old);
    grown.add("10.0.9.1");
    List<String> tooBig = new ArrayList<>(grown);
    tooBig.add("10.0.9.2");
    DnsName pool = DnsName.parse("web.zone.internal");
    PlannedChange fits = guarded(pool, old, grown);
    PlannedChange overflows = guarded(pool, grown, tooBig);

    assertThat(validator.refusals(ZONE, List.of(fits))).isEmpty();
    assertThat(validator.refusals(ZONE, List.of(overflows))).containsOnlyKeys(overflows);
    assertThat(validator.refusals(ZONE, List.of(overflows)).get(overflows))
        .singleElement()
        .asString()
        .contains("401 values")
        .contains("at most 400 in one record set");
  }

  private static PlannedChange guarded(DnsName name, List<String> before, List<String> after) {
    return new PlannedChange(
        ChangeAction.UPSERT,
        ZoneId.of("Z1"),
        ZONE,
        new RecordSet(name, RecordType.A, 60, after),
        InstanceId.of("i-00000001"),
        java.util.Optional.of(new RecordSet(name, RecordType.A, 60, before)),
        true);
  }

  @Test
  void refusesAnEmptyBatch() {
    assertThat(validator.violations(ZONE, List.of())).isNotEmpty();
  }

  @Test
  void split_keepsEveryRequestWithinTheLimits_andNamesTogether() {
    List<PlannedChange> changes = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      changes.add(upsert("h" + i + ".zone.internal", RecordType.A, "10.0.0.1"));
      changes.add(delete("h" + i + ".zone.internal", RecordType.AAAA, "2001:db8::1"));
    }

    List<List<PlannedChange>> requests = ChangeBatches.split(changes);

    assertThat(requests).hasSizeGreaterThan(1);
    assertThat(requests.stream().mapToInt(List::size).sum()).isEqualTo(changes.size());
    requests.forEach(r -> assertThat(validator.violations(ZONE, r)).isEmpty());
    for (int i = 0; i < requests.size() - 1; i++) {
      var last = requests.get(i).get(requests.get(i).size() - 1).set().name();
      assertThat(requests.get(i + 1).get(0).set().name()).isNotEqualTo(last);
    }
  }

  private static PlannedChange upsert(String name, RecordType type, String value) {
    return change(ChangeAction.UPSERT, name, type, value);
  }

  private static PlannedChange upsertValues(String name, List<String> values) {
    return new PlannedChange(
        ChangeAction.UPSERT,
        ZoneId.of("Z"),
        ZONE,
        new RecordSet(rawName(name), RecordType.A, 60, values),
        InstanceId.of("i-00000001"));
  }

  private static PlannedChange delete(String name, RecordType type, String value) {
    return change(ChangeAction.DELETE, name, type, value);
  }

  private static PlannedChange change(
      ChangeAction action, String name, RecordType type, String value) {
    return new PlannedChange(
        action,
        ZoneId.of("Z"),
        ZONE,
        new RecordSet(rawName(name), type, 60, List.of(value)),
        InstanceId.of("i-00000001"));
  }

  private static DnsName rawName(String name) {
    return DnsName.parse(name);
  }
}
