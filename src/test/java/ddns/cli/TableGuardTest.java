package ddns.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TableGuard's table, one row per case (an empty cell: the variable is not set). */
class TableGuardTest {
  @ParameterizedTest(name = "table={0} create={1} endpoint={2} --create-table={3}: refused={4}")
  @CsvSource({
    // DDNS_TABLE, DDNS_CREATE_TABLE, AWS_ENDPOINT_URL, --create-table, refused
    ",         ,      ,                                          false, true",
    ",         true,  https://dynamodb.eu-west-1.amazonaws.com,  false, true",
    ",         ,      http://10.0.0.5:4566,                      false, true",
    ",         ,      http://127.0.0.1:5000,                     false, false",
    ",         ,      http://localhost:4566,                     false, false",
    ",         ,      http://moto.localhost:80,                  false, false",
    ",         ,      http://[::1]:5000,                         false, false",
    ",         false, ,                                          false, false",
    ",         off,   ,                                          false, false",
    "DDNS,     ,      ,                                          false, false",
    "my-table, true,  ,                                          false, false",
    ",         ,      ,                                          true,  false",
  })
  void refusesToCreateATableInAws_unlessNamedOrAsked(
      String table, String create, String endpoint, boolean flag, boolean refused) {
    Map<String, String> env = new HashMap<>();
    put(env, "DDNS_TABLE", table);
    put(env, "DDNS_CREATE_TABLE", create);
    put(env, "AWS_ENDPOINT_URL", endpoint);

    var refusal = TableGuard.refusal(env, flag);

    assertThat(refusal.isPresent()).isEqualTo(refused);
    refusal.ifPresent(r -> assertThat(r).contains("--stack", "DDNS_TABLE", "--create-table"));
  }

  private static void put(Map<String, String> env, String name, String value) {
    if (value != null) {
      env.put(name, value);
    }
  }
}
