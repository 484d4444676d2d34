package dev.mlops.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The CLI is an application of the SDK like any other: what it needs, a Java user can have too,
 * so it reaches the SDK through the public API only.
 */
class CliArchitectureTest {
  private static final JavaClasses CLI = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.mlops.cli");

  @Test
  @DisplayName("the CLI depends on no internal package of the SDK")
  void cliUsesThePublicApiOnly() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.mlops..internal..")
        .because("a CLI feature that needs an internal class is a missing public API")
        .check(CLI);
  }

  @Test
  @DisplayName("the CLI names no storage implementation; stores are found by URI scheme")
  void cliNamesNoStorageImplementation() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.mlops.storage..")
        .check(CLI);
  }
}
