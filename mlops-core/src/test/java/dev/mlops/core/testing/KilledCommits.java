package dev.mlops.core.testing;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.core.MlOps;
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

/**
 * The kill -9 dataset-commit campaign, for any store a URI opens: a child JVM ({@link
 * LoopingCommitter}) commits version after version and is killed with SIGKILL at a random moment,
 * as many times as asked. After each kill the store verifies, the head reads whole (the old or the
 * new version, nothing half-applied), every acknowledged version reads back byte for byte and is
 * in the head's history, and a collection with zero grace, started at once, removes the killed
 * commit's leftovers without touching them. Used by {@link KilledCommitCampaignTest} (file store)
 * and by the S3 module's radosgw test.
 */
public final class KilledCommits {
  /** A check of the store's own, after each round's collection (such as temporary files). */
  public interface StoreCheck {
    /**
     * Checks the store.
     *
     * @param tally where to count what was found
     * @throws IOException if the check cannot read what it checks
     */
    void check(KillCampaign.Tally tally) throws IOException;
  }

  /** Opens the SDK on the store the children commit to, in the test's JVM. */
  public interface Opener {
    /**
     * Opens it.
     *
     * @return the SDK on the store
     */
    MlOps open();
  }

  private KilledCommits() {}

  /**
   * Runs the campaign; fails unless nothing was torn or lost.
   *
   * @param store the store as the child opens it, a directory or a URI ({@link
   *     MlOps#toStoreUri})
   * @param environment variables the child needs (such as credentials)
   * @param opener opens the same store in the test's JVM, for the checks
   * @param kills how many children to kill
   * @param work a directory for the children's files and output
   * @param storeCheck a check of the store's own after each round
   * @return the figures
   * @throws Exception if a child cannot be started or a check fails
   */
  public static KillCampaign.Figures run(String store, Map<String, String> environment,
      Opener opener, int kills, Path work, StoreCheck storeCheck) throws Exception {
    Map<String, Long> acked = new HashMap<>(); // version id -> n, of every round
    return KillCampaign.run("dataset commit", kills, Duration.ofMillis(1000), work,
        (round, out) -> ChildJvm.start(LoopingCommitter.class, out, environment, store,
            work.toString(), Long.toString(round * 1000L)),
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
          try (MlOps mlops = opener.open()) {
            tally.torn(StoreChecks.problems(mlops));
            tally.count("objects collected",
                mlops.inspector().gc(Duration.ZERO, false).collected());
            tally.torn(StoreChecks.problems(mlops));
            storeCheck.check(tally);
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
            if (round == kills - 1) {
              acked.forEach((id, n) -> {
                if (!readsWhole(datasets, "d@" + id, n)) {
                  tally.lost("version " + id + " (n=" + n + ") at the end");
                }
              });
            }
          }
        });
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
