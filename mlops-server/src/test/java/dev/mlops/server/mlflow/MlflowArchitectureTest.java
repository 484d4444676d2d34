package dev.mlops.server.mlflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The MLflow API is an integration: it reaches the SDK through the public API, and shows one public type. */
class MlflowArchitectureTest {
  private static final JavaClasses API = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.mlops.server.mlflow");

  @Test
  @DisplayName("the MLflow API depends on no internal package of the SDK")
  void usesThePublicApiOnly() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.mlops..internal..")
        .because("what the MLflow API needs, a Java user can have too")
        .check(API);
  }

  @Test
  @DisplayName("MlflowApi is the package's only public type")
  void onlyTheEntryPointIsPublic() {
    classes().that().haveModifier(JavaModifier.PUBLIC).and().areTopLevelClasses().should()
        .haveSimpleName("MlflowApi").check(API);
  }
}
