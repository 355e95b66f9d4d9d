package com.kippu.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module arrows of docs/ARCHITECTURE.md and the model-package rule of STYLE, as checks. */
class ArchitectureTest {
  private static final JavaClasses KIPPU =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.kippu");

  @Test
  void pluginDependsOnlyOnSpecsAndDevices() {
    noClasses()
        .that()
        .resideInAPackage("com.kippu.atm..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.kippu.simulator..", "com.kippu.center..")
        .check(KIPPU);
  }

  @Test
  void pluginDrivesDevicesOnlyThroughTheirApi() {
    // DESIGN: the plugin uses the devices API only, so a vendor service plugs in where a simulated
    // one runs now.
    noClasses()
        .that()
        .resideInAPackage("com.kippu.atm..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.kippu.devices.sim..")
        .check(KIPPU);
  }

  @Test
  void centerStandsAlone() {
    noClasses()
        .that()
        .resideInAPackage("com.kippu.center..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.kippu.atm..",
            "com.kippu.devices..",
            "com.kippu.iso8583..",
            "com.kippu.simulator..",
            "org.jpos..",
            "jpos..")
        .check(KIPPU);
  }

  @Test
  void lowerModulesNeverReachUp() {
    noClasses()
        .that()
        .resideInAnyPackage("com.kippu.devices..", "com.kippu.iso8583..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.kippu.atm..", "com.kippu.center..", "com.kippu.simulator..")
        .check(KIPPU);
  }

  @Test
  void pluginModelPackagesHoldNoInfrastructureTypes() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "com.kippu.atm.payment",
            "com.kippu.atm.card",
            "com.kippu.atm.center",
            "com.kippu.atm.spi",
            "com.kippu.atm.issuing",
            "com.kippu.atm.flow..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.sql..",
            "java.net.http..",
            "com.sun.net.httpserver..",
            "org.jpos..",
            "jpos..",
            "com.kippu.devices..")
        .check(KIPPU);
  }

  /** Where a class was loaded from: its module's build output or jar. */
  private static DescribedPredicate<JavaClass> builtIn(String module) {
    return DescribedPredicate.describe(
        "built in module " + module,
        c ->
            c.getSource()
                .map(src -> src.getUri().toString().contains("/" + module + "/"))
                .orElse(false));
  }

  @Test
  void theGateAndTheSharedCoreNeverReachThePlugin() {
    // DESIGN: a venue gate shares the card format and verification with the plugin through
    // ticket-core, never depending on the plugin (packages are shared by name, so by location).
    noClasses()
        .that(builtIn("gate").or(builtIn("ticket-core")))
        .should()
        .dependOnClassesThat(builtIn("atm-plugin"))
        .check(KIPPU);
    noClasses()
        .that()
        .resideInAPackage("com.kippu.gate..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.kippu.simulator..", "com.kippu.center..", "org.jpos..")
        .check(KIPPU);
  }
}
