package ddns.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The boundaries of docs/architecture.md, enforced. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("ddns");

  @Test
  void planningCore_hasNoAwsSdk_noIo_andNoClock() {
    noClasses()
        .that()
        .resideInAnyPackage("ddns.model..", "ddns.plan..", "ddns.event..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon..", "com.amazonaws..", "java.io..", "java.net.http..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.time.Clock")
        .check(CLASSES);
  }

  @Test
  void serviceAndPorts_knowNoAwsSdk() {
    noClasses()
        .that()
        .resideInAnyPackage("ddns.service..", "ddns.port..", "ddns.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon..", "com.amazonaws..")
        .check(CLASSES);
  }

  @Test
  void onlyTheAwsPackage_buildsSdkClients() {
    noClasses()
        .that()
        .resideOutsideOfPackage("ddns.aws..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon.awssdk.services..")
        .check(CLASSES);
  }

  @Test
  void planningCore_doesNotReachOutToServiceOrAdapters() {
    noClasses()
        .that()
        .resideInAnyPackage("ddns.model..", "ddns.plan..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "ddns.service..",
            "ddns.aws..",
            "ddns.port..",
            "ddns.handler..",
            "ddns.cli..",
            "ddns.app..")
        .check(CLASSES);
  }
}
