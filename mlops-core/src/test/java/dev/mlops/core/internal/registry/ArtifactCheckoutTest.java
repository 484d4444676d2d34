package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking a model's artifact out into a directory that already holds links. */
@DisplayName("A model checkout never writes through a link already in the target")
class ArtifactCheckoutTest {
  @TempDir Path dir;
  private RegistryFixture fx;
  private Path victim;

  @BeforeEach
  void registerADirectoryArtifact() throws IOException {
    fx = new RegistryFixture(InMemoryObjectStore.create(), dir);
    Files.createDirectories(dir.resolve("model-dir/sub"));
    Files.writeString(dir.resolve("model-dir/sub/weights.bin"), "w");
    Files.writeString(dir.resolve("model-dir/config.json"), "{}");
    fx.registry.register(ModelSpec.builder().model("m").artifact(dir.resolve("model-dir"), ModelFormat.OTHER).build());
    victim = Files.createDirectories(dir.resolve("victim"));
  }

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  @DisplayName("a link where a directory is needed is refused by name, and nothing lands behind it")
  void linkAsADirectory() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path link = Files.createSymbolicLink(out.resolve("sub"), victim);

    MlOpsException e = assertThrows(MlOpsException.class, () -> fx.registry.checkout("m/1", out));

    assertTrue(e.getMessage().contains(link.toString()), e.getMessage());
    assertEquals(List.of(), list(victim));
  }

  @Test
  @DisplayName("a link at a file's name is refused (checkout creates new files only) and its target is untouched")
  void linkAtTheFileName() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path outside = Files.writeString(victim.resolve("keep"), "keep me");
    Files.createSymbolicLink(out.resolve("config.json"), outside);

    MlOpsException e = assertThrows(MlOpsException.class, () -> fx.registry.checkout("m/1", out));

    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    assertEquals("keep me", Files.readString(outside));
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
