package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.dataset.StoredFile;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A commit from content stored beforehand ({@code storeFile} on workers, {@code addStored} on the
 * committer): the same version a commit of the bytes gives, and never one pointing at a missing chunk.
 */
class StoredFileCommitTest {
  private final InMemoryObjectStore store = InMemoryObjectStore.create();

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aStoredFileCommitsAsOneVersionThatReadsBackByteForByte() throws Exception {
    byte[] bytes = randomBytes(20_000, 1);
    try (MlOps mlops = MlOps.builder().store(store).build()) {
      StoredFile stored = mlops.datasets().storeFile(new ByteArrayInputStream(bytes), 256);
      assertTrue(stored.chunks().size() > 10, "small chunks: many of them, " + stored.chunks().size());
      // The file's hash, computed here by the JDK independently of the store.
      String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      assertEquals(sha256, stored.sha256());
      assertEquals(bytes.length, stored.size());
      // A retried worker stores the same bytes again: same chunks, nothing else.
      assertEquals(stored, mlops.datasets().storeFile(new ByteArrayInputStream(bytes), 256));

      DatasetVersion version = mlops.datasets().commit(CommitRequest.builder().dataset("out")
          .addStored("part/a.bin", stored).message("from workers").build());
      DatasetFile file = version.files().get(0);
      assertEquals(List.of("part/a.bin"), version.files().stream().map(DatasetFile::path).toList());
      assertEquals(sha256, file.sha256());
      try (InputStream in = mlops.datasets().open("out", "part/a.bin")) {
        assertArrayEquals(bytes, in.readAllBytes());
      }
    }
  }

  @Test
  void aStoredFileReplacesTheParentsFileAtItsPath() throws Exception {
    try (MlOps mlops = MlOps.builder().store(store).build()) {
      StoredFile first = mlops.datasets().storeFile(new ByteArrayInputStream(randomBytes(1_000, 2)), 1024);
      StoredFile second = mlops.datasets().storeFile(new ByteArrayInputStream(randomBytes(900, 3)), 1024);
      mlops.datasets().commit(CommitRequest.builder().dataset("out").addStored("a.bin", first).build());
      DatasetVersion v2 = mlops.datasets().commit(CommitRequest.builder().dataset("out")
          .addStored("a.bin", second).build());
      assertEquals(1, v2.files().size());
      assertEquals(second.sha256(), v2.files().get(0).sha256());
      assertEquals(2, mlops.datasets().history("out").count());
    }
  }

  @Test
  void aChunkCollectedBeforeTheCommitFailsItAndMovesNoHead() {
    // An SDK whose clock runs a day ahead: everything stored before counts as old for a collection.
    try (MlOps worker = MlOps.builder().store(store).build();
        MlOps committer = MlOps.builder().store(store)
            .clock(Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC)).build()) {
      StoredFile stored = worker.datasets().storeFile(new ByteArrayInputStream(randomBytes(5_000, 4)), 1024);
      assertTrue(committer.inspector().gc(Duration.ofHours(1), false).collected() > 0, "nothing points to it");
      NotFoundException e = assertThrows(NotFoundException.class, () -> committer.datasets().commit(
          CommitRequest.builder().dataset("out").addStored("a.bin", stored).build()));
      assertTrue(e.getMessage().contains("storeFile"), e.getMessage());
      assertTrue(committer.datasets().datasets().isEmpty(), "no version: " + committer.datasets().datasets());
    }
  }

  @Test
  void aFileStoredInAnotherStoreIsRefused() {
    try (InMemoryObjectStore other = InMemoryObjectStore.create();
        MlOps elsewhere = MlOps.builder().store(other).build();
        MlOps mlops = MlOps.builder().store(store).build()) {
      StoredFile stored = elsewhere.datasets().storeFile(new ByteArrayInputStream(randomBytes(100, 5)), 1024);
      assertThrows(NotFoundException.class, () -> mlops.datasets().commit(
          CommitRequest.builder().dataset("out").addStored("a.bin", stored).build()));
      assertTrue(mlops.datasets().datasets().isEmpty());
    }
  }

  @Test
  void chunksThatDoNotAddUpToTheSizeAreRefused() {
    String hash = "ab".repeat(32);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StoredFile(hash, 10, List.of(new StoredFile.Chunk(hash, 9))));
    assertTrue(e.getMessage().contains("add up to 9"), e.getMessage());
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
