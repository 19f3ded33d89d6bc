package ddns.apply;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.app.Application;
import ddns.dns.DnsName;
import ddns.dns.HostedZone;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.ZoneId;
import ddns.failure.ServiceFailure;
import ddns.fakes.FakeDnsZones;
import ddns.fakes.FakeRegistry;
import ddns.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which reverse zones of the tool's are deleted, and what each one's note says. */
class EmptyZonesTest {
  private static final String VPC = "vpc-0a1b2c3d";
  private static final String REVERSE = "1.0.10.in-addr.arpa";

  private final FakeDnsZones dns = new FakeDnsZones();
  private final FakeRegistry registry = new FakeRegistry();
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private final EmptyZones emptyZones =
      new EmptyZones(
          dns,
          registry,
          new JsonLog(
              new PrintStream(logs, true, StandardCharsets.UTF_8),
              Application.objectMapper(),
              Clock.systemUTC(),
              JsonLog.Level.DEBUG));

  private final ZoneId reverse = dns.privateZone(REVERSE, VPC);
  private final RecordSet ptr =
      new RecordSet(DnsName.parse("5.1.0.10.in-addr.arpa"), RecordType.PTR, 60, List.of("a."));

  private HostedZone zone() {
    return new HostedZone(reverse, DnsName.parse(REVERSE), true);
  }

  private EmptyZones.Looked only(EmptyZones.Result result) {
    assertThat(result.zones()).hasSize(1);
    return result.zones().get(0);
  }

  @Test
  void deleteEmpty_deletesAnEmptyZoneTheRegistryLists_andForgetsIt() {
    registry.remember(zone());

    EmptyZones.Looked looked = only(emptyZones.deleteEmpty(List.of(zone()), List.of(), false));

    assertThat(looked.fate()).isEqualTo(EmptyZones.Fate.DELETED);
    assertThat(looked.note())
        .isEqualTo("reverse zone " + REVERSE + ". (" + reverse + ") was empty and is deleted");
    assertThat(dns.zones()).isEmpty();
    assertThat(registry.all()).isEmpty();
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains("empty reverse zone deleted");
  }

  @Test
  void deleteEmpty_keepsAZoneThatStillHoldsARecord() {
    registry.remember(zone());
    dns.put(reverse, ptr);

    EmptyZones.Looked looked = only(emptyZones.deleteEmpty(List.of(zone()), List.of(), false));

    assertThat(looked.fate()).isEqualTo(EmptyZones.Fate.IN_USE);
    assertThat(looked.note())
        .endsWith("is kept: it still holds 1 record set, PTR 5.1.0.10.in-addr.arpa.");
    assertThat(dns.zones()).extracting(HostedZone::id).containsExactly(reverse);
    assertThat(registry.all()).containsExactly(reverse);
  }

  @Test
  void deleteEmpty_inADryRun_reportsTheEmptyZone_andDeletesNothing() {
    dns.put(reverse, ptr);
    Set<RecordKey> goingAway = Set.of(new RecordKey(reverse, ptr.name(), ptr.type()));

    EmptyZones.Result result =
        emptyZones.deleteEmpty(List.of(zone()), List.of(reverse), true, goingAway);

    assertThat(only(result).fate()).isEqualTo(EmptyZones.Fate.EMPTY);
    assertThat(only(result).note()).endsWith("is empty: it would be deleted");
    assertThat(result.deleted()).containsExactly(reverse);
    assertThat(dns.zones()).extracting(HostedZone::id).containsExactly(reverse);
  }

  @Test
  void deleteEmpty_keepsTheZone_whenARecordIsWrittenThereMeanwhile() {
    registry.remember(zone());
    dns.beforeNextZoneDeletion(() -> dns.put(reverse, ptr));

    EmptyZones.Looked looked = only(emptyZones.deleteEmpty(List.of(zone()), List.of(), false));

    assertThat(looked.fate()).isEqualTo(EmptyZones.Fate.WRITTEN_MEANWHILE);
    assertThat(looked.note()).endsWith("is kept: a record was written there meanwhile");
    assertThat(registry.all()).containsExactly(reverse);
  }

  @Test
  void deleteEmpty_reportsAFailedDeletion_andTheZoneStaysListed() {
    registry.remember(zone());
    dns.beforeNextZoneDeletion(
        () -> {
          throw new ServiceFailure("Route53.DeleteHostedZone failed: Throttling", null);
        });

    EmptyZones.Result result = emptyZones.deleteEmpty(List.of(zone()), List.of(), false);

    assertThat(only(result).fate()).isEqualTo(EmptyZones.Fate.FAILED);
    assertThat(only(result).note())
        .isEqualTo(
            "reverse zone "
                + REVERSE
                + ". could not be deleted and stays: Route53.DeleteHostedZone failed: Throttling");
    assertThat(result.deleted()).isEmpty();
    assertThat(registry.all()).containsExactly(reverse);
  }

  @Test
  void deleteEmpty_looksOnlyAtPrivateZonesTheToolCreated() {
    ZoneId foreign = dns.privateZone("2.0.10.in-addr.arpa", VPC);
    ZoneId publicZone = dns.publicZone("3.0.10.in-addr.arpa");
    HostedZone createdForVpc =
        new HostedZone(reverse, DnsName.parse(REVERSE), true, 0, Optional.of(VPC));

    EmptyZones.Result result =
        emptyZones.deleteEmpty(
            List.of(
                createdForVpc,
                new HostedZone(foreign, DnsName.parse("2.0.10.in-addr.arpa"), true),
                new HostedZone(publicZone, DnsName.parse("3.0.10.in-addr.arpa"), false)),
            List.of(),
            false);

    assertThat(result.deleted())
        .as("its caller reference says the tool created it, though the registry does not list it")
        .containsExactly(reverse);
    assertThat(dns.zones()).extracting(HostedZone::id).containsExactly(foreign, publicZone);
  }
}
