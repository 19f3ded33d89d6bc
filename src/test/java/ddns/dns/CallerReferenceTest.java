package ddns.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/behaviour.md, "Reverse zones": a zone is this installation's by its caller reference, which
 * names the VPC it was made for and the installation that made it.
 */
class CallerReferenceTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "route53-ddns#aaaa1111 vpc-0abc 1.0.10.in-addr.arpa. u-1                   | vpc-0abc",
        "route53-ddns vpc-0abc 1.0.10.in-addr.arpa. u-1                            | vpc-0abc",
        "route53-ddns#aaaa1111 222222222222/eu-west-1/vpc-0abc 1.0.10.in-addr.arpa. u | 222222222222/eu-west-1/vpc-0abc",
        "route53-ddns#bbbb2222 vpc-0abc 1.0.10.in-addr.arpa. u-1                   | ''",
        "terraform-1234                                                            | ''",
        "route53-ddns#aaaa1111 subnet-0abc x u                                     | ''",
      })
  void aZoneIsOursWhenItsReferenceNamesThisInstallationOrNone(String reference, String vpc) {
    assertThat(HostedZone.vpcOfCallerReference(reference, "aaaa1111"))
        .isEqualTo(vpc.isEmpty() ? Optional.empty() : Optional.of(vpc));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"vpc-0abc", "222222222222/eu-west-1/vpc-0abc"})
  void aReferenceMadeHere_readsBackAsItsVpc_withinRoute53sLength(String vpc) {
    String reference =
        HostedZone.callerReference(
            "aaaa1111", vpc, DnsName.parse("1.0.10.in-addr.arpa"), "0f8b2c1e-uuid");

    assertThat(reference.length()).isLessThanOrEqualTo(128);
    assertThat(HostedZone.vpcOfCallerReference(reference, "aaaa1111")).contains(vpc);
    assertThat(HostedZone.vpcOfCallerReference(reference, "bbbb2222")).isEmpty();
  }
}
