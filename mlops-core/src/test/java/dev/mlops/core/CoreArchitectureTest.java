package dev.mlops.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.mlops.core.internal.content.Sha256;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the direction of dependencies: core is written against the storage SPI only. */
class CoreArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.mlops.core");

  @Test
  @DisplayName("core never depends on a storage module, only on the ObjectStore SPI")
  void coreIsFreeOfStorageModules() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.mlops.storage..",
            "software.amazon..")
        .check(CORE);
  }

  @Test
  @DisplayName("core never depends on the CLI, the examples or the benchmarks")
  void coreIsFreeOfApplications() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.mlops.cli..",
            "dev.mlops.examples..", "dev.mlops.benchmarks..", "picocli..")
        .check(CORE);
  }

  @Test
  @DisplayName("SHA-256 digests come from the content store's one helper, Sha256 (git's SHA-1 aside)")
  void oneSha256Helper() {
    noClasses().that().doNotHaveFullyQualifiedName(Sha256.class.getName())
        .and().doNotHaveFullyQualifiedName("dev.mlops.core.internal.experiment.GitInfo")
        .should().callMethod(MessageDigest.class, "getInstance", String.class)
        .because("content addresses, ids and tokens must all be the hash Sha256 computes")
        .check(CORE);
  }

  @Test
  @DisplayName("no two top-level classes of core share a simple name")
  void simpleNamesAreUnique() {
    Map<String, List<String>> byName = CORE.stream()
        .filter(c -> c.isTopLevelClass() && !c.getSimpleName().equals("package-info"))
        .collect(Collectors.groupingBy(JavaClass::getSimpleName, TreeMap::new,
            Collectors.mapping(JavaClass::getName, Collectors.toList())));
    byName.values().removeIf(names -> names.size() < 2);
    assertEquals(Map.of(), byName, "a reader meeting one of these names cannot tell which it is");
  }
}
