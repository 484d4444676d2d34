package dev.mlops.server.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The UI is a client of the SDK like the CLI: it sees the store through the public API only. */
class UiArchitectureTest {
  private static final JavaClasses UI = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.mlops.server.ui");

  @Test
  void theUiDependsOnNoInternalPackageNorStorageImplementation() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.mlops..internal..", "dev.mlops.storage..")
        .because("a page that needs an internal class is a missing public API")
        .check(UI);
  }

  @Test
  void theUiDoesNotReachIntoTheMlflowApi() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.mlops.server.mlflow..").check(UI);
  }
}
