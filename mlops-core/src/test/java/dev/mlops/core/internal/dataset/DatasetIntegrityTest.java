package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.CommitResult;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.content.ChunkerProperties;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the file system store, where files, bit flips and the stat cache are real. */
class DatasetIntegrityTest {
  @TempDir Path dir;

  @Test
  @DisplayName("a bit flipped in a stored chunk is detected on read, naming the object, and by store verify")
  void bitFlipDetected() throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.write(src.resolve("data.bin"), ChunkerProperties.random(11, 50_000));
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      DatasetStore datasets = new DefaultDatasetStore(mlops.store(), Clock.systemUTC(), Optional.empty());
      datasets.commit(CommitRequest.builder().dataset("d").add("raw", src).averageChunkSize(4096).build());
      Path chunk;
      try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
        chunk = files.filter(p -> Files.isRegularFile(p) && p.toString().contains("objects+")
                && !p.getFileName().toString().startsWith("."))
            .filter(p -> {
              try {
                return Files.size(p) > 1000 && Files.size(p) < 40_000; // a chunk, not the manifest
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
            .findFirst().orElseThrow();
      }
      try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
        f.seek(17);
        int b = f.read();
        f.seek(17);
        f.write(b ^ 0x01);
      }
      String hash = chunk.getFileName().toString();
      IntegrityException e = assertThrows(IntegrityException.class, () -> {
        try (InputStream in = datasets.open("d", "raw/data.bin")) {
          in.readAllBytes();
        }
      });
      assertTrue(e.getMessage().contains(hash), e.getMessage());
      assertThrows(IntegrityException.class, () -> datasets.checkout("d", dir.resolve("out")));
      assertFalse(Files.exists(dir.resolve("out/raw/data.bin")), "no partial file under the real name");
      var report = mlops.inspector().verify();
      assertFalse(report.ok());
      assertTrue(report.corrupt().stream().anyMatch(k -> k.endsWith(hash)), report.toString());
    }
  }

  @Test
  @DisplayName("the stat cache skips unchanged files across instances, re-reads changed ones, and paranoid re-reads all")
  void statCache() throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
    for (int i = 0; i < 5; i++) {
      Path f = Files.writeString(src.resolve("f" + i), "content " + i);
      Files.setLastModifiedTime(f, old);
    }
    Path cacheFile = dir.resolve("cache/stat.json");
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      CommitResult first = new DefaultDatasetStore(mlops.store(), Clock.systemUTC(), Optional.of(cacheFile))
          .commitWithStats(request(src, false));
      assertEquals(5, first.filesHashed());
      assertTrue(Files.exists(cacheFile), "the cache lives in a local file, not in the store");

      // A new instance (as in a new process) reads the cache file.
      DatasetStore second = new DefaultDatasetStore(mlops.store(), Clock.systemUTC(), Optional.of(cacheFile));
      CommitResult again = second.commitWithStats(request(src, false));
      assertEquals(0, again.filesHashed());
      assertEquals(5, again.filesFromCache());
      assertEquals(first.version().files(), again.version().files());

      Files.writeString(src.resolve("f3"), "changed, same mtime? no: a new size");
      Files.setLastModifiedTime(src.resolve("f3"), old);
      CommitResult changed = second.commitWithStats(request(src, false));
      assertEquals(1, changed.filesHashed(), "the size changed, so the file is read");
      assertEquals(List.of("raw/f3"), second.diff("d~1", "d").modified());

      CommitResult paranoid = second.commitWithStats(request(src, true));
      assertEquals(5, paranoid.filesHashed());
    }
  }

  private static CommitRequest request(Path src, boolean paranoid) {
    return CommitRequest.builder().dataset("d").add("raw", src).paranoid(paranoid).build();
  }

  @Test
  @DisplayName("an external reference is not copied, reads back verified, and a changed file is detected")
  void externalReference() throws Exception {
    Path outside = Files.writeString(dir.resolve("big-remote.bin"), "remote bytes");
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(outside)));
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      DatasetStore datasets = new DefaultDatasetStore(mlops.store(), Clock.systemUTC(), Optional.empty());
      CommitResult result = datasets.commitWithStats(CommitRequest.builder().dataset("ext")
          .addExternal("remote.bin", new dev.mlops.api.dataset.ExternalFile(outside.toUri(), sha, 12)).build());
      assertEquals(Optional.of(outside.toUri()), result.version().files().get(0).external());
      assertTrue(result.newBytes() < 400, "only the manifest is stored, not the file: " + result.newBytes());
      try (InputStream in = datasets.open("ext", "remote.bin")) {
        assertEquals("remote bytes", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
      Files.writeString(outside, "remote bytez");
      IntegrityException e = assertThrows(IntegrityException.class, () -> {
        try (InputStream in = datasets.open("ext", "remote.bin")) {
          in.readAllBytes();
        }
      });
      assertTrue(e.getMessage().contains(outside.toUri().toString()), e.getMessage());
      assertThrows(IntegrityException.class, () -> datasets.checkout("ext", dir.resolve("co")));
      assertFalse(Files.exists(dir.resolve("co/remote.bin")));
    }
  }
}
