package dev.mlops.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mlops.api.storage.ObjectInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM with {@link Process#destroyForcibly()} and checks what a new store sees:
 * only complete objects, a ref pointing at a complete object, leftovers only in {@code .mlops-tmp},
 * kept while younger than the grace period and removed once older.
 */
class CrashRecoveryTest {
  private static final long WAIT_SECONDS = 60;

  @TempDir Path dir;

  @Test
  void killedMidWriteLeavesOnlyCompleteObjectsAndATempFileThatIsCleanedAfterTheGracePeriod()
      throws Exception {
    long start = System.nanoTime();
    Path root = dir.resolve("store");
    killWhenPrinted(root, "stall", "STALLED", 1);

    List<Path> leftovers = tempFiles(root);
    assertEquals(1, leftovers.size(), "the half-written object's temp file: " + leftovers);
    try (FileSystemObjectStore store = FileSystemObjectStore.open(root)) {
      Set<String> keys = verifyEveryVisibleObject(store, root);
      Set<String> expected = Stream.concat(
          Stream.iterate(0, i -> i + 1).limit(CrashChild.STALL_AFTER).map(i -> "blobs/obj-" + i),
          Stream.of(CrashChild.HEAD)).collect(Collectors.toSet());
      assertEquals(expected, keys);
      assertEquals("blobs/obj-" + (CrashChild.STALL_AFTER - 1),
          store.get(CrashChild.HEAD).orElseThrow().utf8());
    }
    assertEquals(List.of(), tempFiles(root),
        "the killed writer's temp file goes when the store opens, young as it is: its process ended");
    System.out.printf("crash test (stall) took %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void aLiveWritersYoungTempFileSurvivesTheGracePeriodAndAnotherHostsToo() throws Exception {
    Path root = dir.resolve("store");
    FileSystemObjectStore.open(root).close();
    Path temp = root.resolve(KeyPaths.TEMP_DIR);
    Path mine = Files.createFile(temp.resolve(TempOwners.prefix() + "live.tmp"));
    Path otherHost = Files.createFile(temp.resolve("1_1_0badc0de_other-host.tmp"));
    Path legacy = Files.createFile(temp.resolve("1-legacy-name.tmp"));
    try (FileSystemObjectStore store = FileSystemObjectStore.open(root)) {
      assertEquals(0, store.removeAbandonedWrites());
      assertEquals(List.of(legacy, otherHost, mine).stream().sorted().toList(), tempFiles(root),
          "live, unknown-host and old-style names all wait for the grace period");
    }
    try (FileSystemObjectStore store = FileSystemObjectStore.builder().root(root)
        .tempGracePeriod(Duration.ZERO).build()) {
      assertEquals(List.of(), tempFiles(root), "grace 0 removes them all");
    }
  }

  @Test
  void killedWhileFourThreadsWriteAndMoveARefLeavesOnlyCompleteObjects() throws Exception {
    long start = System.nanoTime();
    Path root = dir.resolve("store");
    killWhenPrinted(root, "loop", "WROTE", 12);

    try (FileSystemObjectStore store = FileSystemObjectStore.open(root)) {
      Set<String> keys = verifyEveryVisibleObject(store, root);
      assertTrue(keys.size() >= 13, "at least the reported objects and the ref: " + keys.size());
      String head = store.get(CrashChild.HEAD).orElseThrow().utf8();
      assertTrue(keys.contains(head), "refs/head points at a complete object: " + head);
    }
    try (FileSystemObjectStore store = FileSystemObjectStore.builder().root(root)
        .tempGracePeriod(Duration.ZERO).build()) {
      assertEquals(List.of(), tempFiles(root));
      verifyEveryVisibleObject(store, root);
    }
    System.out.printf("crash test (loop) took %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }

  /** Starts the child, waits until it printed {@code marker} {@code count} times, kills it. */
  private void killWhenPrinted(Path root, String mode, String marker, int count)
      throws Exception {
    Path stderr = dir.resolve(mode + "-stderr.txt");
    Process child = ChildJvm.builder(CrashChild.class, root.toString(), mode)
        .redirectError(stderr.toFile())
        .start();
    try {
      CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(
          () -> awaitMarker(child.getInputStream(), marker, count));
      boolean printed;
      try {
        printed = seen.get(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        printed = false;
      }
      if (!printed) {
        fail("child did not print " + count + " x " + marker + "; stderr:\n"
            + Files.readString(stderr));
      }
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "killed child exits");
    }
    assertFalse(child.isAlive());
  }

  private static boolean awaitMarker(InputStream output, String marker, int count) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      int seen = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.equals(marker) && ++seen >= count) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false; // the stream closes when the child is killed
    }
  }

  /**
   * Checks every regular file outside the hidden directories: each is a listed object whose
   * content is exactly what its key determines. Returns the keys.
   */
  private static Set<String> verifyEveryVisibleObject(FileSystemObjectStore store, Path root)
      throws IOException {
    Set<String> listed;
    try (Stream<ObjectInfo> objects = store.list("")) {
      listed = objects.map(ObjectInfo::key).collect(Collectors.toSet());
    }
    Set<String> onDisk;
    try (Stream<Path> files = Files.walk(root)) {
      onDisk = files.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/').replace("+/", "/"))
          .filter(k -> !k.startsWith("."))
          .collect(Collectors.toSet());
    }
    assertEquals(onDisk, listed, "every visible file is a listed object");
    for (String key : listed) {
      if (key.equals(CrashChild.HEAD)) {
        continue;
      }
      try (InputStream in = store.open(key)) {
        assertTrue(DeterministicContent.matches(key, CrashChild.MIN_SIZE, CrashChild.SIZE_SPREAD,
            in), "object " + key + " is complete and intact");
      }
    }
    return listed;
  }

  private static List<Path> tempFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve(KeyPaths.TEMP_DIR))) {
      return files.sorted().collect(Collectors.toList());
    }
  }
}
