package dev.mlops.core;

import dev.mlops.core.testing.GcRace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GcRace} on the file system store: collections with zero grace in this JVM, in a loop,
 * while four writers in two other JVMs write overlapping content for 30 s. No ref ever reaches a
 * missing object, and every acknowledged write reads back.
 */
class ConcurrentWritersSurviveGcTest {
  @TempDir Path dir;

  @Test
  @DisplayName("GC in a loop with zero grace while 4 writers in 2 JVMs write overlapping content"
      + " for 30 s: nothing acknowledged is lost")
  void collectorRacesWriters() throws Exception {
    Path store = dir.resolve("store");
    try (MlOps mlops = MlOps.local(store)) {
      GcRace.run(mlops, store.toUri().toString(), Map.of(),
          Files.createDirectories(dir.resolve("work")), Duration.ofSeconds(30));
    }
  }
}
