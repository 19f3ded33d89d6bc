package ddns.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** docs/decisions.md, "Workplaces": ids of other workplaces are qualified, the tool's own not. */
class WorkplaceTest {
  private static final Workplace HOME = new Workplace("123456789012", "us-east-1");
  private static final Workplace MEMBER = new Workplace("222222222222", "eu-west-1");

  @Test
  void anIdOfTheToolsOwnWorkplace_staysAsEc2WritesIt() {
    InstanceId id = InstanceId.in(HOME, "i-0123456789abcdef0", HOME);

    assertThat(id.value()).isEqualTo("i-0123456789abcdef0");
    assertThat(id.workplace()).isEmpty();
    assertThat(id.workplaceIn(HOME)).isEqualTo(HOME);
  }

  @Test
  void anIdOfAnotherWorkplace_isQualified_andSplitsBack() {
    InstanceId id = InstanceId.in(MEMBER, "i-0123456789abcdef0", HOME);

    assertThat(id.value()).isEqualTo("222222222222/eu-west-1/i-0123456789abcdef0");
    assertThat(id.ec2Id()).isEqualTo("i-0123456789abcdef0");
    assertThat(id.workplace()).contains(MEMBER);
    assertThat(InstanceId.isValid(id.value())).isTrue();
  }

  @Test
  void theSameEc2IdInTwoWorkplaces_givesTwoIds() {
    InstanceId own = InstanceId.in(HOME, "i-00000001", HOME);
    InstanceId theirs = InstanceId.in(MEMBER, "i-00000001", HOME);
    InstanceId westOfOwn =
        InstanceId.in(new Workplace("123456789012", "us-west-2"), "i-00000001", HOME);

    assertThat(java.util.Set.of(own, theirs, westOfOwn)).hasSize(3);
  }

  @Test
  void aVpcIdOfAnotherWorkplace_splitsIntoItsWorkplaceAndTheIdEc2Knows() {
    Workplace.Local local = Workplace.split("222222222222/eu-west-1/vpc-0abc");

    assertThat(local.workplace()).contains(MEMBER);
    assertThat(local.id()).isEqualTo("vpc-0abc");
    assertThat(Workplace.split("vpc-0abc").workplace()).isEmpty();
  }

  @Test
  void refusesWhatIsNoAccountOrRegion() {
    assertThatThrownBy(() -> new Workplace("2222", "eu-west-1"))
        .hasMessageContaining("not an AWS account id");
    assertThatThrownBy(() -> new Workplace("222222222222", "Europe"))
        .hasMessageContaining("not an AWS region");
    assertThat(InstanceId.isValid("222222222222/eu-west-1/vpc-0abc")).isFalse();
    assertThat(InstanceId.isValid("2222/eu-west-1/i-00000001")).isFalse();
  }

  @Property
  void qualifyingThenSplitting_givesBackTheWorkplaceAndTheId(
      @ForAll @IntRange(min = 0, max = 999_999) int account,
      @ForAll @IntRange(min = 1, max = 9) int n) {
    Workplace where = new Workplace(String.format("%012d", account), "ap-southeast-" + n);
    InstanceId id = InstanceId.in(where, "i-0000000a", HOME);

    assertThat(id.workplaceIn(HOME)).isEqualTo(where);
    assertThat(id.ec2Id()).isEqualTo("i-0000000a");
  }
}
