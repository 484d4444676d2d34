package dev.mlops.core.internal.dataset;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.ChildJvm;
import dev.mlops.core.testing.KillCampaign;
import dev.mlops.core.testing.StoreChecks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments of a child that commits dataset versions back to back (20 kills):
 * after each kill the store verifies, the head reads whole, every acknowledged version reads back
 * byte for byte and is in the head's history, and a collection with zero grace, started at once,
 * removes the killed commit's leftovers (objects and temporary files) without touching them.
 */
class KilledCommitCampaignTest {
  private static final int KILLS = 20;

  @TempDir Path dir;

  @Test
  @DisplayName("20 kills during dataset commits: no torn version, no acknowledged version lost")
  void killedCommits() throws Exception {
    Path store = dir.resolve("store");
    Map<String, Long> acked = new HashMap<>(); // version id -> n, of every round
    KillCampaign.run("dataset commit", KILLS, Duration.ofMillis(1000), dir,
        (round, out) -> ChildJvm.start(LoopingCommitter.class, out, Map.of(), store.toString(),
            dir.toString(), Long.toString(round * 1000L)),
        (round, lines, tally) -> {
          Map<String, Long> thisRound = new HashMap<>();
          for (String line : lines) {
            if (line.startsWith("ACK ")) {
              String[] ack = line.split(" ");
              thisRound.put(ack[1], Long.parseLong(ack[2]));
            }
          }
          acked.putAll(thisRound);
          tally.acked(thisRound.size());
          try (MlOps mlops = MlOps.local(store)) {
            tally.torn(StoreChecks.problems(mlops));
            tally.count("objects collected",
                mlops.inspector().gc(Duration.ZERO, false).collected());
            tally.torn(StoreChecks.problems(mlops));
            List<Path> temps = tempFiles(store);
            if (!temps.isEmpty()) {
              tally.torn("temporary files left after a collection: " + temps);
            }
            DatasetStore datasets = mlops.datasets();
            if (!datasets.datasets().contains("d")) {
              return; // killed before the first commit landed
            }
            DatasetVersion head = datasets.resolve("d");
            long headN = Long.parseLong(head.message().substring("n=".length()));
            if (!readsWhole(datasets, head.ref().toString(), headN)) {
              tally.torn("head " + head.ref());
            }
            Set<String> history = datasets.history("d").map(v -> v.ref().versionId())
                .collect(Collectors.toSet());
            acked.forEach((id, n) -> {
              if (!history.contains(id)) {
                tally.lost("version " + id + " (n=" + n + ") left the head's history");
              }
            });
            // Older rounds' versions are covered by StoreChecks (every chunk they reach exists,
            // every object hashes to its key); they are all read again at the end.
            thisRound.forEach((id, n) -> {
              if (!readsWhole(datasets, "d@" + id, n)) {
                tally.lost("version " + id + " (n=" + n + ")");
              }
            });
            if (round == KILLS - 1) {
              acked.forEach((id, n) -> {
                if (!readsWhole(datasets, "d@" + id, n)) {
                  tally.lost("version " + id + " (n=" + n + ") at the end");
                }
              });
            }
          }
        });
  }

  /** The file store's temporary files: the killed writer's must be gone after a collection. */
  private static List<Path> tempFiles(Path store) throws IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(store.resolve(".mlops-tmp"))) {
      return files.toList();
    }
  }

  /** Tells whether the version holds exactly {@link LoopingCommitter#files} of {@code n}. */
  private static boolean readsWhole(DatasetStore datasets, String reference, long n) {
    Map<String, byte[]> expected = LoopingCommitter.files(n);
    try {
      List<String> paths = datasets.resolve(reference).files().stream().map(DatasetFile::path)
          .sorted().toList();
      if (!paths.equals(expected.keySet().stream().sorted().toList())) {
        return false;
      }
      for (Map.Entry<String, byte[]> file : expected.entrySet()) {
        try (InputStream in = datasets.open(reference, file.getKey())) {
          if (!Arrays.equals(file.getValue(), in.readAllBytes())) {
            return false;
          }
        }
      }
      return true;
    } catch (MlOpsException e) {
      return false; // not found, or damaged
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
