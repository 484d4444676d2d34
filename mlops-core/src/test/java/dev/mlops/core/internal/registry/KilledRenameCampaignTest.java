package dev.mlops.core.internal.registry;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.ChildJvm;
import dev.mlops.core.testing.KillCampaign;
import dev.mlops.core.testing.StoreChecks;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments of a child that registers a version, moves an alias and renames the
 * model, and starts a run and renames its experiment, over and over ({@link RenamingChild}, 5 kills,
 * kept small for CI's budget). The experiment is checked like the model: one name, every acknowledged
 * run in it. After each
 * kill, a fresh {@link MlOps} on the store finds the model whole under exactly one name: that of the
 * last acknowledged rename, or the next one if the kill hit a rename that was already decided; every
 * acknowledged version is there with its number, tag and bytes; every acknowledged move of
 * {@code live} is in its history, which ends at the current alias; the old names answer not found;
 * and the store verifies.
 */
class KilledRenameCampaignTest {
  private static final int KILLS = 5;

  @TempDir Path dir;

  @Test
  @DisplayName("5 kills during registrations, alias moves and renames: one name, nothing lost")
  void killedRenames() throws Exception {
    Path store = dir.resolve("store");
    Map<Long, Integer> acked = new HashMap<>(); // n -> version
    Map<Integer, Integer> moved = new HashMap<>(); // version -> count of acknowledged moves
    int[] lastRenamed = {0}; // i of the last acknowledged m<i>
    Map<String, Long> runs = new HashMap<>(); // acknowledged run id -> n
    int[] lastExperiment = {0}; // j of the last acknowledged e<j>
    KillCampaign.run("registrations, alias moves and renames", KILLS, Duration.ofMillis(500), dir,
        (round, out) -> ChildJvm.start(RenamingChild.class, out, Map.of(), store.toString(), dir.toString(),
            Long.toString(round * 1000L)),
        (round, lines, tally) -> {
          for (String line : lines) {
            String[] words = line.split(" ");
            switch (words[0]) {
              case "ACK" -> {
                acked.put(Long.parseLong(words[3]), Integer.parseInt(words[2]));
                tally.acked(1);
              }
              case "MOVED" -> {
                moved.merge(Integer.parseInt(words[2]), 1, Integer::sum);
                tally.acked(1);
              }
              case "RENAMED" -> {
                lastRenamed[0] = Integer.parseInt(words[2].substring(1));
                tally.acked(1);
              }
              case "RUN" -> {
                runs.put(words[1], Long.parseLong(words[2]));
                tally.acked(1);
              }
              case "EXP-RENAMED" -> {
                lastExperiment[0] = Integer.parseInt(words[2].substring(1));
                tally.acked(1);
              }
              default -> { }
            }
          }
          try (MlOps mlops = MlOps.local(store)) {
            ModelRegistry models = mlops.models();
            List<String> names = models.models();
            String expected = "m" + lastRenamed[0];
            String inFlight = "m" + (lastRenamed[0] + 1);
            if (names.size() != 1 || !(names.get(0).equals(expected) || names.get(0).equals(inFlight))) {
              tally.torn("models " + names + " after the acknowledged rename to " + expected);
              return;
            }
            String name = names.get(0);
            tally.count("renames completed on open", name.equals(inFlight) ? 1 : 0);
            for (int i = 0; i < Integer.parseInt(name.substring(1)); i++) {
              try {
                models.versions("m" + i);
                tally.torn("old name m" + i + " still answers");
              } catch (dev.mlops.api.NotFoundException expectedGone) {
                // renamed away
              }
            }
            checkVersions(models, name, acked, tally);
            checkExperiment(mlops.experiments(), lastExperiment[0], runs, tally);
            checkHistory(models, name, moved, tally);
            tally.torn(StoreChecks.problems(mlops));
          }
        });
  }

  private static void checkVersions(ModelRegistry models, String name, Map<Long, Integer> acked,
      KillCampaign.Tally tally) throws Exception {
    Map<Long, Integer> found = new HashMap<>();
    for (ModelVersion version : models.versions(name)) {
      long n = Long.parseLong(version.tags().get("n"));
      found.put(n, version.version());
      try (InputStream in = Files.open(models, name + "/" + version.version())) {
        if (!new String(in.readAllBytes(), StandardCharsets.UTF_8).equals(Long.toString(n))) {
          tally.torn(name + "/" + version.version() + " does not hold n=" + n);
        }
      } catch (MlOpsException e) {
        tally.torn(name + "/" + version.version() + ": " + e.getMessage());
      }
    }
    acked.forEach((n, version) -> {
      if (!version.equals(found.get(n))) {
        tally.lost("version " + version + " (n=" + n + ") is " + found.get(n) + " under " + name);
      }
    });
  }

  /** One experiment, e<j> or e<j+1>, holding every acknowledged run; the old names gone. */
  private static void checkExperiment(dev.mlops.api.experiment.ExperimentLogger experiments, int last,
      Map<String, Long> runs, KillCampaign.Tally tally) {
    List<String> names = experiments.experiments();
    if (runs.isEmpty()) {
      return;
    }
    if (names.size() != 1 || !(names.get(0).equals("e" + last) || names.get(0).equals("e" + (last + 1)))) {
      tally.torn("experiments " + names + " after the acknowledged rename to e" + last);
      return;
    }
    tally.count("experiment renames completed on open", names.get(0).equals("e" + (last + 1)) ? 1 : 0);
    Map<String, String> found = new HashMap<>();
    for (dev.mlops.api.experiment.RunInfo run : experiments.search(
        dev.mlops.api.experiment.RunQuery.experiment(names.get(0)))) {
      found.put(run.id(), run.name());
    }
    runs.forEach((id, n) -> {
      if (!("n" + n).equals(found.get(id))) {
        tally.lost("run " + id + " (n=" + n + ") is not in " + names.get(0));
      }
      if (!experiments.run(id).map(r -> r.experiment().equals(names.get(0))).orElse(false)) {
        tally.lost("run " + id + " does not name " + names.get(0));
      }
    });
  }

  private static void checkHistory(ModelRegistry models, String name, Map<Integer, Integer> moved,
      KillCampaign.Tally tally) {
    List<AliasMove> history = models.aliasHistory(name, "live");
    Map<Integer, Integer> inHistory = new HashMap<>();
    for (int i = 0; i < history.size(); i++) {
      inHistory.merge(history.get(i).to().getAsInt(), 1, Integer::sum);
      if (i > 0 && !history.get(i).from().equals(history.get(i - 1).to())) {
        tally.torn("history of live breaks at move " + i + ": " + history);
      }
    }
    moved.forEach((version, count) -> {
      if (inHistory.getOrDefault(version, 0) < count) {
        tally.lost("an acknowledged move of live to " + version + " is not in the history of " + name);
      }
    });
    Integer live = models.aliases(name).get("live");
    if (!history.isEmpty() && (live == null || live != history.get(history.size() - 1).to().getAsInt())) {
      tally.torn("live is " + live + ", its history ends at " + history.get(history.size() - 1));
    }
  }

  /** Opens a version's single file through a checkout-free read. */
  private static final class Files {
    static InputStream open(ModelRegistry models, String reference) throws Exception {
      Path target = java.nio.file.Files.createTempFile("rename-campaign", ".bin");
      java.nio.file.Files.delete(target);
      models.checkout(reference, target);
      byte[] bytes = java.nio.file.Files.readAllBytes(target);
      java.nio.file.Files.delete(target);
      return new java.io.ByteArrayInputStream(bytes);
    }
  }
}
