package dev.mlops.storage.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.MlOpsException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour specific to the file-system store: layout, tokens, listing order, races. */
class FileSystemObjectStoreTest {
  @TempDir Path dir;
  Path root;
  FileSystemObjectStore store;

  @BeforeEach
  void open() {
    root = dir.resolve("store");
    store = FileSystemObjectStore.open(root);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  @DisplayName("exists answers as stat does, for objects, absent keys, directories of keys and deleted objects")
  void existsAgreesWithStat() {
    store.putIfAbsent("a/b/c", "content".getBytes(UTF_8));
    for (String key : List.of("a/b/c", "a/b", "a", "a/b/c/d", "x/y")) {
      assertEquals(store.stat(key).isPresent(), store.exists(key), key);
    }
    assertTrue(store.exists("a/b/c"));
    assertFalse(store.exists("a/b"), "a directory of keys is not an object");
    store.delete("a/b/c");
    assertFalse(store.exists("a/b/c"));
  }

  private static List<String> keys(Stream<ObjectInfo> objects) {
    try (objects) {
      return objects.map(ObjectInfo::key).collect(Collectors.toList());
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Nested
  @DisplayName("layout and tokens")
  class Layout {
    @Test
    void anObjectIsTheFileAtItsKeyWithFolderDirectoriesMarkedByPlus() throws Exception {
      assertTrue(store.putIfAbsent("a/b/c", "hello".getBytes(UTF_8)));
      assertEquals("hello", Files.readString(root.resolve("a+/b+/c")));
      assertEquals(root.toRealPath().toUri(), store.uri());
    }

    @Test
    void theTokenIsTheLowercaseHexSha256OfTheContentInGetStatAndCasAndListingsSkipIt() throws Exception {
      byte[] content = "ref-value".getBytes(UTF_8);
      VersionToken token = store.compareAndSet("refs/x", VersionToken.ABSENT, content)
          .orElseThrow();
      assertEquals(sha256(content), token.value());
      assertEquals(token, store.get("refs/x").orElseThrow().token());
      ObjectInfo info = store.stat("refs/x").orElseThrow();
      assertEquals(java.util.Optional.of(token), info.token());
      assertEquals(content.length, info.size());
      try (Stream<ObjectInfo> listed = store.list("refs/")) {
        // A listing must not read content, so it carries no token on this store.
        assertEquals(List.of(new ObjectInfo(info.key(), info.size(), java.util.Optional.empty(),
            info.lastModified())), listed.collect(Collectors.toList()));
      }
    }

    @Test
    void theStoreCreatesOnlyItsHiddenDirectoriesBesideObjects() throws Exception {
      store.putIfAbsent("k", new byte[] {1});
      store.compareAndSet("r", VersionToken.ABSENT, new byte[] {2});
      try (Stream<Path> top = Files.list(root)) {
        assertEquals(List.of(".mlops-locks", ".mlops-tmp", "k", "r"),
            top.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
      }
      try (Stream<Path> temps = Files.list(root.resolve(".mlops-tmp"))) {
        assertEquals(0, temps.count(), "no temp file stays after a write");
      }
    }

    @Test
    void aKeyCanBeBothAnObjectAndAFolderAndEachIsDeletedAlone() throws Exception {
      assertTrue(store.putIfAbsent("a", new byte[] {1}));
      assertTrue(store.putIfAbsent("a/b", new byte[] {2}));
      assertTrue(store.compareAndSet("a/b/c", VersionToken.ABSENT, new byte[] {3}).isPresent());
      assertTrue(Files.isRegularFile(root.resolve("a")));
      assertTrue(Files.isRegularFile(root.resolve("a+/b")));
      assertTrue(Files.isRegularFile(root.resolve("a+/b+/c")));
      assertEquals(List.of("a", "a/b", "a/b/c"), keys(store.list("a")));
      assertTrue(store.delete("a/b"));
      assertEquals(List.of("a", "a/b/c"), keys(store.list("")));
      assertTrue(store.delete("a/b/c"));
      assertFalse(Files.exists(root.resolve("a+")), "the emptied folder directories are gone");
      assertArrayEquals(new byte[] {1}, store.get("a").orElseThrow().bytes());
    }

    @Test
    void somethingPutInTheWayByHandIsAClearError() throws Exception {
      Files.createDirectories(root.resolve("x"));
      Files.writeString(root.resolve("y+"), "not a folder");
      assertThrows(StorageUnavailableException.class, () -> store.putIfAbsent("x", new byte[1]));
      assertThrows(StorageUnavailableException.class,
          () -> store.putIfAbsent("y/z", new byte[1]));
      assertEquals(Optional.empty(), store.get("x"));
      assertEquals(Optional.empty(), store.get("y/z"));
      assertFalse(store.delete("x"));
      assertThrows(NotFoundException.class, () -> store.open("x"));
    }
  }

  @Nested
  @DisplayName("reads and writes")
  class ReadsAndWrites {
    @Test
    void putIfAbsentStreamsLargeContentAndSecondPutReturnsFalse() throws Exception {
      String key = "big/one";
      assertTrue(store.putIfAbsent(key, new DeterministicContent(key, 3 << 20, 1)));
      assertFalse(store.putIfAbsent(key, new DeterministicContent(key, 1000, 1)));
      try (InputStream in = store.open(key)) {
        assertTrue(DeterministicContent.matches(key, 3 << 20, 1, in));
      }
      assertEquals(3 << 20, store.stat(key).orElseThrow().size());
    }

    @Test
    void anOpenStreamKeepsReadingTheOldContentAfterAReplace() throws Exception {
      VersionToken first = store.compareAndSet("r", VersionToken.ABSENT, "old".getBytes(UTF_8))
          .orElseThrow();
      try (InputStream in = store.open("r")) {
        store.compareAndSet("r", first, "new!".getBytes(UTF_8)).orElseThrow();
        assertEquals("old", new String(in.readAllBytes(), UTF_8));
      }
      assertEquals("new!", store.get("r").orElseThrow().utf8());
    }

    @Test
    void compareAndSetWithAStaleTokenChangesNothing() {
      VersionToken first = store.compareAndSet("r", VersionToken.ABSENT, new byte[] {1})
          .orElseThrow();
      assertEquals(Optional.empty(), store.compareAndSet("r", VersionToken.ABSENT, new byte[] {9}));
      VersionToken second = store.compareAndSet("r", first, new byte[] {2}).orElseThrow();
      assertEquals(Optional.empty(), store.compareAndSet("r", first, new byte[] {9}));
      assertEquals(Optional.empty(),
          store.compareAndSet("absent", VersionToken.of(second.value()), new byte[] {9}));
      assertArrayEquals(new byte[] {2}, store.get("r").orElseThrow().bytes());
      assertEquals(Optional.empty(), store.get("absent"));
    }

    @Test
    void getRefusesObjectsLargerThanMaxGetSizeButOpenStreamsThem() throws Exception {
      Files.createDirectories(root.resolve("huge+"));
      try (RandomAccessFile sparse = new RandomAccessFile(root.resolve("huge+/f").toFile(), "rw")) {
        sparse.setLength(ObjectStore.MAX_GET_SIZE + 1L);
      }
      MlOpsException e = assertThrows(MlOpsException.class, () -> store.get("huge/f"));
      assertTrue(e.getMessage().contains("open("), e.getMessage());
      try (InputStream in = store.open("huge/f")) {
        assertEquals(0, in.read());
      }
    }

    @Test
    void aFailingSourceStreamStoresNothing() {
      InputStream failing = new InputStream() {
        int left = 100_000;

        @Override
        public int read() throws IOException {
          if (left <= 0) {
            throw new IOException("source broke");
          }
          left--;
          return 7;
        }
      };
      MlOpsException e = assertThrows(MlOpsException.class, () -> store.putIfAbsent("p", failing));
      assertTrue(e.getCause() instanceof IOException, "the source's IOException is the cause");
      assertEquals("source broke", e.getCause().getMessage());
      assertEquals(Optional.empty(), store.get("p"));
      assertEquals(0, root.resolve(".mlops-tmp").toFile().list().length);
    }

    @Test
    void deleteRemovesTheFileAndItsNowEmptyParentsButNotOthers() {
      store.putIfAbsent("a/b/c/d", new byte[] {1});
      store.putIfAbsent("a/x", new byte[] {1});
      assertTrue(store.delete("a/b/c/d"));
      assertFalse(store.delete("a/b/c/d"));
      assertFalse(Files.exists(root.resolve("a+/b+")));
      assertTrue(Files.exists(root.resolve("a+/x")));
      assertTrue(store.putIfAbsent("a/b/c/d", new byte[] {2}), "the key is free again");
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
      store.close();
      store.close();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.get("k"));
      assertEquals("store is closed", e.getMessage());
      assertThrows(IllegalStateException.class, () -> store.list(""));
      assertThrows(IllegalStateException.class, () -> store.putIfAbsent("k", new byte[0]));
    }
  }

  @Nested
  @DisplayName("listing")
  class Listing {
    @Test
    void keysComeInStringOrderEvenWhereDirectoryOrderDiffers() {
      List<String> keys = List.of("a/b", "a-c", "a", "a.b/c", "a0", "a/b-c", "a/b/c", "b", "A",
          "_x", "a=b/c", "ab");
      for (String key : keys) {
        store.putIfAbsent(key, new byte[] {1});
      }
      List<String> expected = keys.stream().sorted().collect(Collectors.toList());
      assertEquals(expected, keys(store.list("")));
      assertEquals(List.of("a", "a-c", "a.b/c", "a/b", "a/b-c", "a/b/c", "a0", "a=b/c"),
          expected.subList(2, 10), "the order the directory walk must reproduce");
    }

    @Test
    void aPrefixSelectsKeysThatStartWithItAcrossFolders() {
      for (String key : List.of("refs/a", "refs/b/c", "refsx", "ref-1", "rez", "refs-q/z")) {
        store.putIfAbsent(key, new byte[] {1});
      }
      assertEquals(List.of("ref-1", "refs-q/z", "refs/a", "refs/b/c", "refsx"),
          keys(store.list("ref")));
      assertEquals(List.of("refs/a", "refs/b/c"), keys(store.list("refs/")));
      assertEquals(List.of("refs/b/c"), keys(store.list("refs/b")));
      assertEquals(List.of(), keys(store.list("refs/a/")), "an object is not a folder");
      assertEquals(List.of(), keys(store.list("nothing/")));
    }

    @Test
    void hiddenNamesEmptyFoldersAndInvalidNamesAreSkipped() throws Exception {
      store.putIfAbsent("v/ok", new byte[] {1});
      Files.createDirectories(root.resolve("empty+/deeper+"));
      Files.writeString(root.resolve("v+/.hidden"), "x");
      Files.writeString(root.resolve("v+/not valid"), "x");
      Files.writeString(root.resolve("v+/file+"), "x");
      Files.createDirectories(root.resolve("v+/no-suffix"));
      Files.writeString(root.resolve("v+/no-suffix/x"), "x");
      Files.createDirectories(root.resolve(".git"));
      Files.writeString(root.resolve(".git/HEAD"), "x");
      Files.writeString(root.resolve(".mlops-tmp/123-leftover.tmp"), "x");
      assertEquals(List.of("v/ok"), keys(store.list("")));
    }

    @Test
    void listingIsLazyAndToleratesDeletesWhileWalking() {
      for (int i = 0; i < 20; i++) {
        store.putIfAbsent(String.format("d%02d/k", i), new byte[] {1});
      }
      List<String> seen = new ArrayList<>();
      try (Stream<ObjectInfo> objects = store.list("")) {
        objects.forEach(info -> {
          seen.add(info.key());
          if (info.key().equals("d00/k")) {
            for (int i = 10; i < 20; i++) {
              store.delete(String.format("d%02d/k", i));
            }
          }
        });
      }
      assertEquals(10, seen.size(), "objects deleted before the walk reached them are not listed");
    }
  }

  @Nested
  @DisplayName("races between threads")
  class Races {
    @ParameterizedTest(name = "hard links: {0}")
    @ValueSource(booleans = {true, false})
    void exactlyOneOfManyRacingPutsWinsAndTheObjectHoldsItsContent(boolean hardLinks)
        throws Exception {
      store.close();
      store = FileSystemObjectStore.builder().root(dir.resolve("s" + hardLinks))
          .hardLinks(hardLinks).build();
      assertEquals(hardLinks, store.usesHardLinks());
      int threads = 16;
      for (int round = 0; round < 20; round++) {
        String key = "race/" + round;
        List<Boolean> results = runConcurrently(threads, i -> store.putIfAbsent(key,
            new ByteArrayInputStream(("writer-" + i).getBytes(UTF_8))));
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          if (results.get(i)) {
            winners.add(i);
          }
        }
        assertEquals(1, winners.size(), "winners of round " + round + ": " + winners);
        assertEquals("writer-" + winners.get(0), store.get(key).orElseThrow().utf8());
      }
    }

    @ParameterizedTest(name = "hard links: {0}")
    @ValueSource(booleans = {true, false})
    void concurrentIncrementsThroughCompareAndSetLoseNoUpdate(boolean hardLinks)
        throws Exception {
      store.close();
      store = FileSystemObjectStore.builder().root(dir.resolve("c" + hardLinks))
          .hardLinks(hardLinks).build();
      FileSystemObjectStore second = FileSystemObjectStore.open(dir.resolve("c" + hardLinks));
      int threads = 8;
      int increments = 50;
      runConcurrently(threads, i -> {
        ObjectStore via = i % 2 == 0 ? store : second; // two instances share the JVM locks
        for (int done = 0; done < increments; ) {
          Optional<StoredBytes> current = via.get("n");
          int value = current.map(b -> Integer.parseInt(b.utf8())).orElse(0);
          VersionToken expected = current.map(StoredBytes::token).orElse(VersionToken.ABSENT);
          if (via.compareAndSet("n", expected, Integer.toString(value + 1).getBytes(UTF_8))
              .isPresent()) {
            done++;
          }
        }
        return true;
      });
      second.close();
      assertEquals(Integer.toString(threads * increments), store.get("n").orElseThrow().utf8());
    }

    @ParameterizedTest(name = "hard links: {0}")
    @ValueSource(booleans = {true, false})
    void racingPutsThatAllFoundTheKeyMissingFirstStillHaveExactlyOneWinner(boolean hardLinks)
        throws Exception {
      store.close();
      store = FileSystemObjectStore.builder().root(dir.resolve("e" + hardLinks))
          .hardLinks(hardLinks).build();
      int threads = 8;
      for (int round = 0; round < 10; round++) {
        String key = "objects/race/" + round;
        // Every thread's exists() answers before any thread puts: each put then follows a miss
        // of its own thread, which a put trusts instead of checking again.
        CyclicBarrier allChecked = new CyclicBarrier(threads);
        List<Boolean> results = runConcurrently(threads, i -> {
          assertFalse(store.exists(key));
          allChecked.await();
          return store.putIfAbsent(key, new ByteArrayInputStream(("writer-" + i).getBytes(UTF_8)));
        });
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          if (results.get(i)) {
            winners.add(i);
          }
        }
        assertEquals(1, winners.size(), "winners of round " + round + ": " + winners);
        assertEquals("writer-" + winners.get(0), store.get(key).orElseThrow().utf8());
      }
      try (Stream<Path> temps = Files.list(dir.resolve("e" + hardLinks).resolve(".mlops-tmp"))) {
        assertEquals(List.of(), temps.collect(Collectors.toList()), "no temporary file is left");
      }
    }

    @Test
    void aPutAfterAMissOfAnotherKeyStillChecksWithoutReadingTheContent() {
      store.putIfAbsent("stored", new byte[] {1});
      assertFalse(store.exists("missing"));
      assertFalse(store.putIfAbsent("stored", unreadable()));
      assertArrayEquals(new byte[] {1}, store.get("stored").orElseThrow().bytes());
    }

    private InputStream unreadable() {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          throw new IOException("the content of an existing key must not be read");
        }
      };
    }

    @Test
    void aPutAfterAMissLosesToAnotherStoreThatWroteTheKeyMeanwhile() {
      try (FileSystemObjectStore other = FileSystemObjectStore.open(root)) {
        assertFalse(store.exists("k"));
        assertTrue(other.putIfAbsent("k", "first".getBytes(UTF_8)));
        assertFalse(store.putIfAbsent("k", new ByteArrayInputStream("second".getBytes(UTF_8))));
        assertEquals("first", store.get("k").orElseThrow().utf8());
        // A second put of the key checks again (a miss is used once): it reads no content.
        assertFalse(store.putIfAbsent("k", unreadable()));
        assertEquals("first", store.get("k").orElseThrow().utf8());
      }
    }

    @Test
    void putsRacingWithDeletesOfSiblingsNeverFailOnAVanishingFolder() throws Exception {
      int rounds = 200;
      runConcurrently(2, i -> {
        for (int r = 0; r < rounds; r++) {
          if (i == 0) {
            assertTrue(store.putIfAbsent("f/" + r + "/put", new byte[] {1}));
          } else {
            store.putIfAbsent("f/" + r + "/del", new byte[] {1});
            store.delete("f/" + r + "/del");
          }
        }
        return true;
      });
      for (int r = 0; r < rounds; r++) {
        assertTrue(store.get("f/" + r + "/put").isPresent());
      }
    }
  }

  interface Task<T> {
    T run(int index) throws Exception;
  }

  static <T> List<T> runConcurrently(int threads, Task<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          start.await();
          return task.run(index);
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
