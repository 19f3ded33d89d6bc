package ddns.alert;

import static org.assertj.core.api.Assertions.assertThat;

import ddns.facts.InstanceId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DigestTest {

  private static Map<InstanceId, List<Alert>> foreign(int count) {
    Map<InstanceId, List<Alert>> alerts = new TreeMap<>();
    for (int i = 1; i <= count; i++) {
      InstanceId id = InstanceId.of(String.format("i-%08x", i));
      alerts.put(
          id,
          List.of(
              new Alert(
                  id,
                  AlertKind.FOREIGN_RECORD,
                  "A ip-10-0-1-"
                      + i
                      + ".corp.internal. in zone corp.internal. skipped: a A record"
                      + " exists at that name and was not written by route53-ddns")));
    }
    return alerts;
  }

  @Test
  void aDigestTooLongForOneMessage_namesWhatFits_andCountsTheRest() {
    Digest digest = Digest.of(Map.of(), foreign(5000));

    int bytes = digest.message().getBytes(StandardCharsets.UTF_8).length;
    assertThat(bytes).isLessThanOrEqualTo(Digest.MAX_MESSAGE_BYTES).isGreaterThan(250_000);
    assertThat(digest.instances()).hasSize(5000);
    assertThat(digest.leftOut()).isNotEmpty();
    int named = 5000 - digest.leftOut().size();
    assertThat(digest.message())
        .contains("Instance " + String.format("i-%08x", named) + ":")
        .doesNotContain("Instance " + String.format("i-%08x", named + 1) + ":")
        .contains(
            String.format(
                "... and %,d more instances not shown, the message being full; see the logs",
                digest.leftOut().size()));
    assertThat(digest.subject()).isEqualTo("route53-ddns: 5,000 instances: FOREIGN_RECORD");
  }

  @Test
  void aSmallDigest_namesEveryInstance_withNothingLeftOut() {
    Digest digest = Digest.of(Map.of(), foreign(3));

    assertThat(digest.leftOut()).isEmpty();
    assertThat(digest.message())
        .startsWith("3 instances did not get every DNS record asked for.\n")
        .contains("Alerts by kind: FOREIGN_RECORD 3.")
        .contains("Instance i-00000001:\n- FOREIGN_RECORD: A ip-10-0-1-1.corp.internal.")
        .doesNotContain("more instances");
  }

  @Test
  void theSubject_countsAndNamesTheKinds_mostFrequentFirst_withinOneHundredCharacters() {
    Map<InstanceId, List<Alert>> alerts = new TreeMap<>();
    AlertKind[] kinds = AlertKind.values();
    for (int i = 0; i < kinds.length; i++) {
      InstanceId id = InstanceId.of(String.format("i-%08x", i + 1));
      alerts.put(id, List.of(new Alert(id, kinds[i], "x")));
    }
    alerts.put(
        InstanceId.of("i-000000ff"),
        List.of(new Alert(InstanceId.of("i-000000ff"), AlertKind.NAME_TAKEN, "y")));

    Digest digest =
        Digest.of(Map.of("account 222222222222 eu-west-1 unreachable", "AccessDenied"), alerts);

    assertThat(digest.subject())
        .hasSizeLessThanOrEqualTo(Digest.MAX_SUBJECT)
        .isEqualTo(
            "route53-ddns: 1 workplace, "
                + (kinds.length + 1)
                + " instances: NAME_TAKEN, WORKPLACE_UNREACHABLE +"
                + (kinds.length - 2)
                + " more kinds");
    assertThat(digest.message())
        .startsWith(
            "1 workplace could not be read.\n" + (kinds.length + 1) + " instances did not get")
        .contains("\naccount 222222222222 eu-west-1 unreachable:\n  AccessDenied\n");
  }

  @Test
  void aLimitTooSmallForTheNotices_countsThemToo() {
    Map<String, String> workplaces = new TreeMap<>();
    for (int i = 0; i < 20; i++) {
      workplaces.put("account 2222222222" + (10 + i) + " eu-west-1 unreachable", "x".repeat(60));
    }

    Digest digest = Digest.of(workplaces, foreign(10), 1000);

    assertThat(digest.message().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1000);
    assertThat(digest.workplaces()).hasSize(20);
    assertThat(digest.leftOut()).hasSize(10);
    assertThat(digest.message()).containsPattern("and \\d+ more workplaces and 10 more instances");
  }
}
