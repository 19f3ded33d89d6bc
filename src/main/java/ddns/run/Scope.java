package ddns.run;

import ddns.facts.Workplace;
import java.util.Optional;

/**
 * Which of the workplaces served a run looks at: those of one account, of one region, or all
 * ({@code reconcile --account --region}).
 */
public record Scope(Optional<String> account, Optional<String> region) {

  public static Scope all() {
    return new Scope(Optional.empty(), Optional.empty());
  }

  boolean covers(Workplace where) {
    return account.map(where.account()::equals).orElse(true)
        && region.map(where.region()::equals).orElse(true);
  }

  @Override
  public String toString() {
    return (account.map(a -> "--account " + a + " ").orElse("")
            + region.map(r -> "--region " + r).orElse(""))
        .strip();
  }
}
