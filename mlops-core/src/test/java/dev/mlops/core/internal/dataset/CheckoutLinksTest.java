package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.MlOpsException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.content.FileContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkout into a directory that already holds links, on the real file system. */
@DisplayName("Checkout never follows a link it did not create")
class CheckoutLinksTest {
  @TempDir Path dir;
  private MlOps mlops;
  private DatasetStore datasets;
  private Path victim;
  private Path target;

  @BeforeEach
  void commitSubF() throws IOException {
    mlops = MlOps.local(dir.resolve("store"));
    datasets = mlops.datasets();
    Path src = Files.createDirectories(dir.resolve("src/sub"));
    Files.writeString(src.resolve("f.txt"), "x\n");
    datasets.commit(CommitRequest.builder().dataset("ds").add("sub", src).build());
    victim = Files.createDirectories(dir.resolve("victim"));
    target = Files.createDirectories(dir.resolve("co"));
  }

  @AfterEach
  void close() {
    mlops.close();
  }

  @Test
  @DisplayName("a link as an intermediate directory stops the checkout, names the link, and nothing lands behind it")
  void linkAsADirectory() throws IOException {
    Path link = Files.createSymbolicLink(target.resolve("sub"), victim);

    MlOpsException e = assertThrows(MlOpsException.class, () -> datasets.checkout("ds", target));

    assertTrue(e.getMessage().contains(link.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("Remove the link"), e.getMessage());
    assertEquals(List.of(), list(victim));
  }

  @Test
  @DisplayName("a link at the file's own name, to a file outside, is replaced by the file; the outside file is untouched")
  void linkAtTheFileName() throws IOException {
    Path outside = Files.writeString(victim.resolve("passwords"), "keep me");
    Files.createDirectories(target.resolve("sub"));
    Files.createSymbolicLink(target.resolve("sub/f.txt"), outside);

    datasets.checkout("ds", target);

    assertEquals("keep me", Files.readString(outside));
    assertFalse(Files.isSymbolicLink(target.resolve("sub/f.txt")));
    assertEquals("x\n", Files.readString(target.resolve("sub/f.txt")));
  }

  @Test
  @DisplayName("the target directory itself may be a link: the caller named it")
  void targetIsALink() throws IOException {
    Path named = Files.createSymbolicLink(dir.resolve("named"), victim);

    datasets.checkout("ds", named);

    assertEquals("x\n", Files.readString(victim.resolve("sub/f.txt")));
  }

  @Test
  @DisplayName("a stored path that climbs out with '..' is refused before any file is written")
  void storedPathWithDotDot() {
    Manifest.Entry good = entry("a.txt");
    Manifest.Entry climbing = entry("sub/../../escape.txt");
    Manifest manifest = new Manifest(Optional.empty(), "m", "a", Map.of(), List.of(good, climbing),
        List.of(), "");
    Checkout checkout = new Checkout(mlops.store(),
        new VersionReader.Loaded("ds", "0".repeat(64), manifest, Instant.EPOCH),
        Manifest.Entry::path, e -> new ByteArrayInputStream(new byte[0]));

    IntegrityException e = assertThrows(IntegrityException.class, () -> checkout.writeTo(target, List.of()));

    assertTrue(e.getMessage().contains("sub/../../escape.txt"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("escape.txt")));
    assertFalse(Files.exists(target.resolve("a.txt")), "checked before anything is written");
  }

  @Test
  @DisplayName("'..' in a path is refused at commit already")
  void dotDotRefusedAtCommit() {
    assertThrows(InvalidNameException.class, () -> CommitRequest.builder().add("../up", dir));
    assertThrows(InvalidNameException.class, () -> CommitRequest.builder().add("a/../../up", dir));
  }

  private static Manifest.Entry entry(String path) {
    String emptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    return new Manifest.Entry(path, new FileContent(emptySha, 0, List.of()));
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
