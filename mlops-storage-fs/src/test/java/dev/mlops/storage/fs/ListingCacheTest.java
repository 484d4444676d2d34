package dev.mlops.storage.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.VersionToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large directory's listing is reused only while nothing changed in it: every change another
 * writer makes (another store on the same root, or another process) shows in the next listing.
 *
 * <p>The directory holds {@link ListingCache#MIN_ENTRIES} objects made as plain files (the store
 * lists whatever files are there; writing them through the store would cost an fsync each). Its
 * modification time is set an hour back where a test needs a listing the cache keeps, since a
 * directory changed within {@link ListingCache#SETTLE_MILLIS} is never kept.
 */
class ListingCacheTest {
  private static final int FILLED = ListingCache.MIN_ENTRIES;

  @TempDir Path root;
  private Path folder;

  @BeforeEach
  void fill() throws IOException {
    folder = Files.createDirectories(root.resolve("runs+"));
    for (int i = 0; i < FILLED; i++) {
      Files.writeString(folder.resolve(String.format("r%05d", i)), "run " + i);
    }
  }

  private void settle() throws IOException {
    Files.setLastModifiedTime(folder, FileTime.from(Instant.now().minusSeconds(3600)));
  }

  private static Map<String, Long> sizes(FileSystemObjectStore store, String prefix) {
    try (Stream<ObjectInfo> listing = store.list(prefix)) {
      return listing.collect(Collectors.toMap(ObjectInfo::key, ObjectInfo::size, (a, b) -> a, TreeMap::new));
    }
  }

  @Test
  void keysAnotherStoreAddsChangesAndDeletesShowInTheNextListing() throws IOException {
    settle();
    try (FileSystemObjectStore reader = FileSystemObjectStore.open(root);
        FileSystemObjectStore writer = FileSystemObjectStore.open(root)) {
      assertEquals(FILLED, sizes(reader, "runs/").size());
      assertEquals(FILLED, sizes(reader, "runs/").size()); // the kept listing, served

      assertTrue(writer.putIfAbsent("runs/r99999", "new".getBytes(UTF_8)));
      assertEquals(3L, sizes(reader, "runs/").get("runs/r99999"));

      settle();
      assertEquals(FILLED + 1, sizes(reader, "runs/").size());
      VersionToken token = writer.get("runs/r00007").orElseThrow().token();
      assertTrue(writer.compareAndSet("runs/r00007", token, "a longer document".getBytes(UTF_8)).isPresent());
      assertEquals(17L, sizes(reader, "runs/").get("runs/r00007"));

      settle();
      assertEquals(FILLED + 1, sizes(reader, "runs/").size());
      assertTrue(writer.delete("runs/r00008"));
      assertFalse(sizes(reader, "runs/").containsKey("runs/r00008"));
    }
  }

  @Test
  void aListingOfPartOfTheDirectoryFromTheKeptListingIsTheSameAsFromTheDisk() throws IOException {
    settle();
    try (FileSystemObjectStore store = FileSystemObjectStore.open(root)) {
      Map<String, Long> uncached = sizes(store, "runs/r0012");
      sizes(store, "runs/"); // keeps the listing
      assertEquals(uncached, sizes(store, "runs/r0012"));
      assertEquals(10, uncached.size()); // r00120 to r00129
    }
  }

  /**
   * The racy case: a change in the same clock tick as a listing leaves the directory's time as it
   * was. Here the tick is made by setting the time back to what the listing saw; a listing taken
   * while the directory was that recent is not kept, so the change shows.
   */
  @Test
  void aChangeThatLeavesTheDirectoryTimeAsTheListingSawItStillShowsWhenTheListingWasRecent()
      throws IOException {
    try (FileSystemObjectStore reader = FileSystemObjectStore.open(root);
        FileSystemObjectStore writer = FileSystemObjectStore.open(root)) {
      FileTime seen = Files.getLastModifiedTime(folder);
      assertEquals(6L, sizes(reader, "runs/").get("runs/r00042")); // "run 42"

      VersionToken token = writer.get("runs/r00042").orElseThrow().token();
      assertTrue(writer.compareAndSet("runs/r00042", token, "changed in the same tick".getBytes(UTF_8)).isPresent());
      Files.setLastModifiedTime(folder, seen);

      assertEquals(24L, sizes(reader, "runs/").get("runs/r00042"));
    }
  }

  /** The same in reverse shows that the rule is what protects: a settled listing is served as kept. */
  @Test
  void aSettledListingIsServedWhileTheDirectoryTimeIsUnchanged() throws IOException {
    settle();
    try (FileSystemObjectStore store = FileSystemObjectStore.open(root)) {
      FileTime seen = Files.getLastModifiedTime(folder);
      assertEquals(FILLED, sizes(store, "runs/").size());
      Files.delete(folder.resolve("r00001")); // behind the store's back, then the time put back
      Files.setLastModifiedTime(folder, seen);
      assertTrue(sizes(store, "runs/").containsKey("runs/r00001"));
    }
  }

  @Test
  void objectsAnotherProcessWritesShowInTheNextListing(@TempDir Path logs) throws Exception {
    settle();
    try (FileSystemObjectStore reader = FileSystemObjectStore.open(root)) {
      assertFalse(sizes(reader, "runs/").containsKey("runs/counter"));
      Process child = ChildJvm.start(CounterChild.class, logs.resolve("child.err"), root.toString(), "runs/counter", "10");
      assertEquals(0, child.waitFor(), () -> readQuietly(logs.resolve("child.err")));
      assertEquals(2L, sizes(reader, "runs/").get("runs/counter")); // "10"
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
