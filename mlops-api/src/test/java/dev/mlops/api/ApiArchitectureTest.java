package dev.mlops.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the API module a contract: interfaces, values, builders, exceptions; no implementation. */
class ApiArchitectureTest {
  private static final JavaClasses API = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.mlops.api");

  @Test
  @DisplayName("the API depends on no implementation library and no SDK implementation module")
  void apiDependsOnNoImplementation() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "dev.mlops.core..", "dev.mlops.storage..", "com.fasterxml..", "com.github.benmanes..",
            "software.amazon..", "ai.onnxruntime..", "io.micrometer..", "org.slf4j..")
        .check(API);
  }

  @Test
  @DisplayName("the API does no I/O of its own")
  void apiDoesNoIo() {
    noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
        .orShould().dependOnClassesThat().resideInAnyPackage("java.nio.channels..", "java.net.http..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.ServiceLoader")
        .check(API);
  }

  @Test
  @DisplayName("every API class is an interface, an enum, a record, an exception or a final value or builder")
  void apiHoldsOnlyContractTypes() {
    classes().should(beContractType()).check(API);
  }

  @Test
  @DisplayName("the API has no internal packages")
  void noInternalPackages() {
    noClasses().should().resideInAPackage("..internal..").check(API);
  }

  private static ArchCondition<JavaClass> beContractType() {
    return new ArchCondition<>("be a contract type") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        boolean ok = type.isInterface()
            || type.isEnum()
            || type.isRecord()
            || type.isAnonymousClass() // enum constant bodies, constant lambdas
            || type.isAssignableTo(RuntimeException.class)
            || type.getModifiers().contains(JavaModifier.FINAL);
        events.add(new SimpleConditionEvent(type, ok, type.getName()
            + (ok ? " is" : " is not") + " an interface, enum, record, exception or final class"));
      }
    };
  }
}
