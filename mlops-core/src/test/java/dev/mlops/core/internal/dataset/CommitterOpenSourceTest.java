package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A commit reads a source file through {@link Committer#openSource}, whatever its file system. */
class CommitterOpenSourceTest {
  @TempDir Path dir;

  @Test
  void readsAFileOfTheDefaultFileSystemAndOfAnotherOne() throws IOException {
    byte[] bytes = new byte[300_000];
    new Random(5).nextBytes(bytes);
    Path file = Files.write(dir.resolve("a.bin"), bytes);
    try (InputStream in = Committer.openSource(file)) {
      assertArrayEquals(bytes, in.readAllBytes());
    }
    Path zip = dir.resolve("z.zip");
    URI uri = URI.create("jar:" + zip.toUri());
    try (FileSystem zipfs = FileSystems.newFileSystem(uri, Map.of("create", "true"))) {
      Path inZip = Files.write(zipfs.getPath("/b.bin"), bytes);
      try (InputStream in = Committer.openSource(inZip)) {
        assertArrayEquals(bytes, in.readAllBytes());
      }
    }
  }

  @Test
  void aMissingFileFailsNamingIt() {
    Path missing = dir.resolve("gone.bin");
    IOException e = assertThrows(IOException.class, () -> Committer.openSource(missing).close());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }
}
