package dev.mlops.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Spark integration is an application of the SDK: public API and {@code MlOps} only. */
class SparkArchitectureTest {
  private static final JavaClasses SPARK = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.mlops.spark");

  @Test
  void theIntegrationDependsOnNoInternalPackageOfTheSdk() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.mlops..internal..")
        .because("what Spark needs from core, any Java user can have too: add it to the public API")
        .check(SPARK);
  }
}
