package dev.mlops.storage.fs;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.conformance.ObjectStoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The file-system store keeps the conformance kit's invariants; each try gets a new directory. */
class FileSystemObjectStorePropertiesTest extends ObjectStoreProperties {
  private static Path base;

  @BeforeContainer
  static void createBase() throws IOException {
    base = Files.createTempDirectory("fs-store-properties");
  }

  @AfterContainer
  static void deleteBase() throws IOException {
    try (Stream<Path> files = Files.walk(base)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Override
  protected ObjectStore newStore() throws Exception {
    return FileSystemObjectStore.open(Files.createTempDirectory(base, "store"));
  }
}
