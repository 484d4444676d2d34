package dev.mlops.core.internal.registry;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.ChildJvm;
import dev.mlops.core.testing.KillCampaign;
import dev.mlops.core.testing.OnnxTestModels;
import dev.mlops.core.testing.StoreChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments of a child that registers model versions and moves two aliases
 * together after each ({@link RegisteringChild}, 20 kills): after each kill the store verifies,
 * every version (acknowledged or not) checks out byte for byte, the last acknowledged one and any
 * after it load and predict what their weights give, every acknowledged version and alias move is
 * there, and the alias history is one chain ending at the current alias, with {@code previous} one
 * behind {@code live}.
 */
class KilledRegistrationCampaignTest {
  private static final int KILLS = 20;
  private static final float[] ROW = {0.3f, -1.2f, 2.5f};

  @TempDir Path dir;

  @Test
  @DisplayName("20 kills during registrations and alias moves: every acknowledged version loads,"
      + " the alias history is consistent")
  void killedRegistrations() throws Exception {
    Path store = dir.resolve("store");
    TreeMap<Integer, Long> acked = new TreeMap<>(); // version -> n
    List<Integer> moves = new ArrayList<>(); // acknowledged moves of live, in order
    int[] checkedUpTo = {0};
    KillCampaign.run("model registration and alias moves", KILLS, Duration.ofMillis(1000), dir,
        (round, out) -> ChildJvm.start(RegisteringChild.class, out, Map.of(), store.toString(),
            dir.toString(), Long.toString(round * 1000L)),
        (round, lines, tally) -> {
          for (String line : lines) {
            String[] words = line.split(" ");
            if (words[0].equals("ACK")) {
              acked.put(Integer.parseInt(words[1]), Long.parseLong(words[2]));
              tally.acked(1);
            } else if (words[0].equals("MOVED")) {
              moves.add(Integer.parseInt(words[1]));
              tally.acked(1);
            }
          }
          try (MlOps mlops = MlOps.local(store)) {
            tally.torn(StoreChecks.problems(mlops));
            ModelRegistry models = mlops.models();
            if (!models.models().contains("m")) {
              return; // killed before the first registration landed
            }
            // Every new version checks out byte for byte; the last acknowledged one and any after
            // it (the registration the kill hit) also load and predict. Same bytes, same model.
            int lastAcked = acked.isEmpty() ? 0 : acked.lastKey();
            for (ModelVersion version : models.versions("m")) {
              if (version.version() > checkedUpTo[0]) {
                try {
                  if (!servesItsModel(models, version, dir.resolve("checkout-" + round),
                      version.version() >= lastAcked)) {
                    tally.torn("version " + version + " does not serve its model");
                  }
                } catch (MlOpsException e) {
                  tally.torn("version " + version + ": " + e.getMessage());
                }
                checkedUpTo[0] = version.version();
                tally.count("versions checked out", 1);
                tally.count("versions loaded", version.version() >= lastAcked ? 1 : 0);
              }
            }
            acked.forEach((version, n) -> {
              try {
                if (!models.resolve("m/" + version).tags().get("n").equals(n.toString())) {
                  tally.lost("m/" + version + " is not n=" + n);
                }
              } catch (MlOpsException e) {
                tally.lost("m/" + version + ": " + e.getMessage());
              }
            });
            checkAliases(models, moves, tally);
          }
        });
  }

  /** The history of live is one chain ending at the current alias, holding every acked move. */
  private static void checkAliases(ModelRegistry models, List<Integer> moves,
      KillCampaign.Tally tally) {
    List<AliasMove> history = models.aliasHistory("m", "live");
    Map<String, Integer> aliases = models.aliases("m");
    for (int i = 1; i < history.size(); i++) {
      if (!history.get(i).from().equals(history.get(i - 1).to())) {
        tally.torn("alias history of live breaks at move " + i + ": " + history);
      }
    }
    Integer live = aliases.get("live");
    if (!history.isEmpty()
        && (live == null || live != history.get(history.size() - 1).to().getAsInt())) {
      tally.torn("live is " + live + ", its history ends at " + history.get(history.size() - 1));
    }
    if (live != null && live > 1 && !Integer.valueOf(live - 1).equals(aliases.get("previous"))) {
      tally.torn("live and previous moved apart: " + aliases);
    }
    int next = 0; // acknowledged moves must appear in the history, in order
    for (AliasMove move : history) {
      if (next < moves.size() && move.to().getAsInt() == moves.get(next)) {
        next++;
      }
    }
    if (next < moves.size()) {
      tally.lost("acknowledged move of live to " + moves.get(next) + " is not in its history");
    }
  }

  /** Checks the version out (and loads it): its bytes and predictions are those of its n. */
  private static boolean servesItsModel(ModelRegistry models, ModelVersion version, Path dir,
      boolean load) throws Exception {
    long n = Long.parseLong(version.tags().get("n"));
    float[] bias = RegisteringChild.bias(n);
    byte[] expected = OnnxTestModels.logisticRegression(RegistryFixture.WEIGHTS, bias);
    String reference = "m/" + version.version();
    Path file = models.checkout(reference,
        Files.createDirectories(dir).resolve(version.version() + ".onnx"));
    if (!Arrays.equals(expected, Files.readAllBytes(file))) {
      return false;
    }
    if (!load) {
      return true;
    }
    try (ModelHandle handle = models.load(reference)) {
      float[] out = handle.predict(Tensor.ofFloats(new float[][] {ROW})).first().floatRows()[0];
      float[] want = OnnxTestModels.expected(RegistryFixture.WEIGHTS, bias, ROW);
      for (int c = 0; c < want.length; c++) {
        if (Math.abs(out[c] - want[c]) > 1e-5f) {
          return false;
        }
      }
    }
    return true;
  }
}
