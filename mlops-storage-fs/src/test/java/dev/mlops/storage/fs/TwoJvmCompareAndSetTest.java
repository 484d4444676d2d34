package dev.mlops.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs increment one counter through compareAndSet on one store directory. */
class TwoJvmCompareAndSetTest {
  private static final int INCREMENTS = 500;
  private static final long WAIT_SECONDS = 120;

  @TempDir Path dir;

  @Test
  void twoProcessesIncrementingOneCounterLoseNoUpdate() throws Exception {
    long start = System.nanoTime();
    Path root = dir.resolve("store");
    Files.createDirectories(root);
    Path[] stderr = {dir.resolve("child-0.txt"), dir.resolve("child-1.txt")};
    Process[] children = new Process[2];
    for (int i = 0; i < 2; i++) {
      children[i] = ChildJvm.start(CounterChild.class, stderr[i], root.toString(),
          "counters/shared", Integer.toString(INCREMENTS));
    }
    try {
      for (int i = 0; i < 2; i++) {
        boolean exited = children[i].waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        if (!exited || children[i].exitValue() != 0) {
          fail("child " + i + (exited ? " exited with " + children[i].exitValue()
              : " did not finish within " + WAIT_SECONDS + " s") + "; stderr:\n"
              + Files.readString(stderr[i]));
        }
      }
    } finally {
      for (Process child : children) {
        child.destroyForcibly();
      }
    }
    try (FileSystemObjectStore store = FileSystemObjectStore.open(root)) {
      assertEquals(Integer.toString(2 * INCREMENTS), store.get("counters/shared").orElseThrow()
          .utf8());
    }
    System.out.printf("two-JVM test took %d ms; %s; %s%n", (System.nanoTime() - start) / 1_000_000,
        Files.readString(stderr[0]).strip(), Files.readString(stderr[1]).strip());
  }
}
