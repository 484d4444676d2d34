package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents that still parse as JSON but hold a damaged time or a missing field: reading them is an
 * IntegrityException naming the object, never a DateTimeParseException or a NullPointerException.
 */
@DisplayName("A damaged document")
class DamagedDocumentsTest {
  @TempDir Path dir;

  @Test
  @DisplayName("in the registry (a version, an alias history entry) is an IntegrityException naming its key")
  void registry() throws IOException {
    Path store = dir.resolve("store");
    Path artifact = Files.writeString(dir.resolve("model.bin"), "weights");
    try (MlOps mlops = MlOps.local(store)) {
      mlops.models().register(ModelSpec.builder().model("m").artifact(artifact, ModelFormat.OTHER).build());
      mlops.models().moveAliases("m", java.util.Map.of("prod", 1), "me", "first");
    }
    Path version = only(store, "versions+");
    edit(version, "\"model\":\"m\"", "\"model\":null");
    try (MlOps mlops = MlOps.local(store)) {
      IntegrityException e = assertThrows(IntegrityException.class, () -> mlops.models().resolve("m/1"));
      assertTrue(e.getMessage().contains("refs/models/m/versions/0000000001") && e.getMessage().contains("damaged"),
          e.getMessage());
    }
    edit(version, "\"model\":null", "\"model\":\"m\"");
    edit(only(store, "aliases+"), "T", "X");
    try (MlOps mlops = MlOps.local(store)) {
      IntegrityException e = assertThrows(IntegrityException.class, () -> mlops.models().resolve("m@prod"));
      assertTrue(e.getMessage().contains("logs/models/m/aliases/"), e.getMessage());
    }
  }

  @Test
  @DisplayName("a dataset version record with a damaged time is an IntegrityException")
  void datasetRecord() throws IOException {
    Path store = dir.resolve("store");
    Path data = Files.writeString(dir.resolve("a.txt"), "a");
    try (MlOps mlops = MlOps.local(store)) {
      mlops.datasets().commit(CommitRequest.builder().dataset("d").add("a", data).build());
    }
    Path record = only(store, "versions+");
    edit(record, "T", "X");
    try (MlOps mlops = MlOps.local(store)) {
      IntegrityException e = assertThrows(IntegrityException.class, () -> mlops.datasets().resolve("d"));
      assertTrue(e.getMessage().contains("damaged time"), e.getMessage());
    }
  }

  private static Path only(Path store, String directory) throws IOException {
    try (Stream<Path> files = Files.walk(store)) {
      List<Path> found = files.filter(p -> Files.isRegularFile(p) && p.getParent().getFileName().toString()
          .equals(directory)).toList();
      assertTrue(found.size() == 1, found.toString());
      return found.get(0);
    }
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.contains(from), text);
    Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), to), StandardCharsets.UTF_8);
  }
}
