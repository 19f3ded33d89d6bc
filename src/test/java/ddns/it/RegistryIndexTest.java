package ddns.it;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.aws.dynamodb.DynamoDbRegistry;
import ddns.dns.DesiredRecord;
import ddns.dns.DnsName;
import ddns.dns.RecordKey;
import ddns.dns.RecordSet;
import ddns.dns.RecordType;
import ddns.dns.ZoneId;
import ddns.facts.InstanceId;
import ddns.registry.Claim;
import ddns.registry.Claimant;
import ddns.registry.Ownership;
import ddns.registry.RegistryIndex;
import ddns.registry.RegistryWrite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registry's index against the emulator's DynamoDB: one Scan of each item's key and a claim's
 * claimants, read back by kind, and kept five minutes (docs/behaviour.md, "Reconcile").
 */
class RegistryIndexTest extends EmulatorTest {
  private static final Instant LAUNCHED = Instant.parse("2026-11-26T08:00:00Z");
  private static final DnsName ZONE = DnsName.parse("corp.internal");
  private Instant now = Instant.parse("2026-11-26T12:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void theIndex_namesEveryItemByKind_andIsKeptFiveMinutes() {
    DynamoDbRegistry registry = new DynamoDbRegistry(world.dynamoDb, "DDNS", clock);
    registry.ensureTable();
    InstanceId own = InstanceId.of("i-0aaaaaaaaaaaaaaaa");
    InstanceId member = InstanceId.of("222222222222/eu-west-1/i-0bbbbbbbbbbbbbbbb");
    RecordKey key = register(registry, own, "10.0.1.4");
    RecordKey memberKey = register(registry, member, "10.0.1.5");

    RegistryIndex first = registry.index();

    assertThat(first.instances()).containsExactlyInAnyOrder(own, member);
    assertThat(first.claims()).containsOnlyKeys(key, memberKey);
    assertThat(first.claims().get(memberKey)).containsExactly(member);

    InstanceId later = InstanceId.of("i-0cccccccccccccccc");
    register(registry, later, "10.0.1.6");
    now = now.plus(Duration.ofMinutes(4));
    assertThat(registry.index().instances()).as("within five minutes").doesNotContain(later);
    now = now.plus(Duration.ofMinutes(1));
    assertThat(registry.index().instances()).as("five minutes on").contains(later);
  }

  /** The instance's item and the claim of its A record, as a registration writes them. */
  private static RecordKey register(DynamoDbRegistry registry, InstanceId id, String ip) {
    DnsName name = DnsName.parse("ip-" + ip.replace('.', '-') + ".corp.internal");
    RecordKey key = new RecordKey(ZoneId.of("Z0123CORP"), name, RecordType.A);
    RecordSet set = new RecordSet(name, RecordType.A, 60, List.of(ip));
    registry.write(
        List.of(
            new RegistryWrite.PutClaim(
                new Claim(key, ZONE, 1, Map.of(id, new Claimant(id, LAUNCHED, 60, List.of(ip)))),
                0),
            new RegistryWrite.PutOwnership(
                new Ownership(
                    id, 1, LAUNCHED, List.of(new DesiredRecord(key, ZONE, set)), Map.of()),
                0)));
    return key;
  }
}
