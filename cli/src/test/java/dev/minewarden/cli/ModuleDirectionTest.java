package dev.minewarden.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point toward core, never away from it; rule patterns never reach java.util.regex. */
class ModuleDirectionTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.minewarden");

  @Test
  void core_dependsOnNoFrontEnd() {
    noClasses().that().resideInAPackage("dev.minewarden.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.minewarden.ingest..", "dev.minewarden.host..", "dev.minewarden.posture..",
            "dev.minewarden.cli..", "picocli..")
        .check(CLASSES);
  }

  @Test
  void frontEnds_dependOnNoCommandLine() {
    noClasses().that().resideInAnyPackage(
            "dev.minewarden.ingest..", "dev.minewarden.host..", "dev.minewarden.posture..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.minewarden.cli..", "picocli..")
        .check(CLASSES);
  }

  @Test
  void sigmaEngine_usesOnlyLinearTimeRegularExpressions() {
    noClasses().that().resideInAPackage("dev.minewarden.core.sigma..")
        .should().dependOnClassesThat().resideInAPackage("java.util.regex..")
        .check(CLASSES);
  }
}
