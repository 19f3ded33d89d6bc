package ddns.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The boundaries of docs/architecture.md, enforced. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("ddns");

  /** The ports: one interface per AWS service and role, and the steps that use them. */
  private static final String[] PORTS_AND_STEPS = {
    "ddns.facts.InstanceSource",
    "ddns.facts.ZoneDirectory",
    "ddns.facts.FactsReader",
    "ddns.apply.DnsZones",
    "ddns.registry.OwnershipRegistry",
    "ddns.registry.AlertMemory",
    "ddns.alert.Alerts",
    "ddns.alert.AlertPublisher"
  };

  @Test
  void vocabularyEventsAndPlanning_haveNoAwsSdk_noIo_andNoClock() {
    noClasses()
        .that()
        .resideInAnyPackage("ddns.dns..", "ddns.event..", "ddns.plan..", "ddns.job..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon..", "com.amazonaws..", "java.io..", "java.net.http..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.time.Clock")
        .check(CLASSES);
  }

  @Test
  void nothingButTheAwsPackage_touchesTheSdk() {
    noClasses()
        .that()
        .resideOutsideOfPackage("ddns.aws..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon.awssdk..")
        .check(CLASSES);
  }

  @Test
  void planning_usesValuesOnly_neverAPortAStepOrAnEntryPoint() {
    noClasses()
        .that()
        .resideInAnyPackage("ddns.dns..", "ddns.plan..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "ddns.apply..",
            "ddns.run..",
            "ddns.aws..",
            "ddns.log..",
            "ddns.config..",
            "ddns.handler..",
            "ddns.cli..",
            "ddns.app..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName(PORTS_AND_STEPS[0])
        .check(CLASSES);
    for (String port : PORTS_AND_STEPS) {
      noClasses()
          .that()
          .resideInAnyPackage("ddns.dns..", "ddns.plan..", "ddns.event..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName(port)
          .check(CLASSES);
    }
  }

  @Test
  void theSteps_knowThePortsNotTheAdapters() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "ddns.facts..",
            "ddns.apply..",
            "ddns.registry..",
            "ddns.alert..",
            "ddns.lifecycle..",
            "ddns.run..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ddns.aws..", "ddns.app..", "ddns.cli..", "ddns.handler..")
        .check(CLASSES);
  }

  @Test
  void eachPackage_saysItsStep() {
    for (String pkg :
        new String[] {
          "dns",
          "event",
          "facts",
          "plan",
          "job",
          "apply",
          "registry",
          "alert",
          "run",
          "lifecycle",
          "failure",
          "log",
          "aws",
          "aws/ec2",
          "aws/route53",
          "aws/dynamodb",
          "aws/sns",
          "aws/sts",
          "aws/autoscaling",
          "config",
          "app",
          "handler",
          "cli"
        }) {
      assertThat(Path.of("src/main/java/ddns", pkg, "package-info.java"))
          .as("ddns.%s says its step in a package-info.java", pkg.replace('/', '.'))
          .isRegularFile();
    }
  }
}
