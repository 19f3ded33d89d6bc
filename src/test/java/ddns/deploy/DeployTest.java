package ddns.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code make deploy} without AWS: what bin/deploy would run (--print), the settings samconfig.toml
 * gives {@code sam deploy}, and the artifact the template names, as the SAM transform takes it once
 * packaged (Template.expanded replaces the local CodeUri with its S3 upload, as {@code sam deploy}
 * does).
 */
class DeployTest {
  private static final Path SAMCONFIG = Path.of("samconfig.toml");

  @Test
  void makeDeploy_buildsTheJar_thenDeploysTheTemplate_fromSamconfig_withoutSamBuild()
      throws Exception {
    List<String> lines = deployPrints(Map.of());

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).endsWith("bin/mvnw-jdk -q -B -ntp -DskipTests package");
    assertThat(lines.get(1))
        .endsWith("sam deploy --template-file template.yaml --config-file samconfig.toml");
    assertThat(String.join("\n", lines)).doesNotContain("sam build");
    // 'sam build' works all the same (bin/test runs it): the jar is Maven's, marked SkipBuild.
    assertThat(
            Template.read().resource("DdnsFunction").path("Metadata").path("SkipBuild").asBoolean())
        .isTrue();
    assertThat(Files.readString(Path.of("bin/test"))).contains("sam\" build", "validate --lint");
    assertThat(Files.readString(Path.of("Makefile"))).contains("deploy:").contains("bin/deploy");
  }

  @Test
  void theFirstDeploy_isGuided_andPassesItsArguments() throws Exception {
    List<String> lines =
        deployPrints(Map.of("GUIDED", "1"), "--parameter-overrides", "AlertEmail=ops@example.com");

    assertThat(lines.get(1))
        .endsWith(
            "sam deploy --template-file template.yaml --config-file samconfig.toml --guided"
                + " --parameter-overrides AlertEmail=ops@example.com");
  }

  @Test
  void samconfig_namesTheStack_letsSamMakeTheBucket_andGrantsTheCapabilitiesTheTemplateNeeds()
      throws IOException {
    String config = Files.readString(SAMCONFIG, StandardCharsets.UTF_8);

    assertThat(value(config, "stack_name")).isEqualTo("\"route53-ddns\"");
    assertThat(value(config, "template_file")).isEqualTo("\"template.yaml\"");
    assertThat(value(config, "resolve_s3")).isEqualTo("true");
    // The function's own role (CAPABILITY_IAM, no RoleName) and the SAM transform (AUTO_EXPAND).
    assertThat(value(config, "capabilities"))
        .isEqualTo("\"CAPABILITY_IAM CAPABILITY_AUTO_EXPAND\"");
    assertThat(Template.read().resource("DdnsFunctionRole").path("Properties").has("RoleName"))
        .as("a named role would need CAPABILITY_NAMED_IAM")
        .isFalse();
  }

  @Test
  void theArtifact_isTheJarTheBuildMakes_andPackagedItIsWhatSamTransforms() throws IOException {
    String codeUri = Template.read().function().path("CodeUri").asText();
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);

    assertThat(codeUri).isEqualTo("target/route53-ddns.jar");
    assertThat(pom).contains("<finalName>route53-ddns</finalName>");
    assertThat(
            Template.expanded()
                .resource("DdnsFunction")
                .path("Properties")
                .path("Code")
                .path("S3Key")
                .asText())
        .isEqualTo("route53-ddns.jar");
  }

  private static String value(String toml, String key) {
    Matcher m = Pattern.compile("(?m)^" + key + "\\s*=\\s*(.+)$").matcher(toml);
    assertThat(m.find()).as("samconfig.toml sets %s", key).isTrue();
    return m.group(1).strip();
  }

  private static List<String> deployPrints(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bin/deploy", "--print"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("GUIDED");
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().toList();
  }
}
