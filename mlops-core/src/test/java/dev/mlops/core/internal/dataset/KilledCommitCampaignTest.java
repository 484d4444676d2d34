package dev.mlops.core.internal.dataset;

import dev.mlops.core.MlOps;
import dev.mlops.core.testing.KilledCommits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments of a child that commits dataset versions back to back (20 kills) on
 * the file store ({@link KilledCommits}): after each kill the store verifies, the head reads whole,
 * every acknowledged version reads back byte for byte and is in the head's history, and a
 * collection with zero grace, started at once, removes the killed commit's leftovers (objects and
 * temporary files) without touching them.
 */
class KilledCommitCampaignTest {
  private static final int KILLS = 20;

  @TempDir Path dir;

  @Test
  @DisplayName("20 kills during dataset commits: no torn version, no acknowledged version lost")
  void killedCommits() throws Exception {
    Path store = dir.resolve("store");
    KilledCommits.run(store.toString(), Map.of(), () -> MlOps.local(store), KILLS, dir, tally -> {
      List<Path> temps = tempFiles(store);
      if (!temps.isEmpty()) {
        tally.torn("temporary files left after a collection: " + temps);
      }
    });
  }

  /** The file store's temporary files: the killed writer's must be gone after a collection. */
  private static List<Path> tempFiles(Path store) throws IOException {
    try (Stream<Path> files = Files.list(store.resolve(".mlops-tmp"))) {
      return files.toList();
    }
  }
}
