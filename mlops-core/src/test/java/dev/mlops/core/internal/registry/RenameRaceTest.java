package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.ConflictException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.storage.fs.FileSystemObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Racing writers, each with its own registry on one file store (as separate processes have):
 * four rename {@code churn} (two to the same new name), two register versions under the old name
 * and one moves an alias, all released by one barrier. Whatever the interleaving: exactly one
 * rename wins and every other gets a typed error; the model is listed once, under the winner's
 * name; every version and move that was acknowledged is there, with its tag.
 */
class RenameRaceTest {
  private static final List<String> TARGETS = List.of("alpha", "beta", "beta", "gamma");

  @TempDir Path dir;

  @RepeatedTest(3)
  void oneRenameWinsAndNoAcknowledgedWriteIsLost() throws Exception {
    Path storeDir = dir.resolve("store");
    List<RegistryFixture> registries = new ArrayList<>();
    ExecutorService threads = Executors.newCachedThreadPool();
    try {
      for (int i = 0; i < TARGETS.size() + 3; i++) {
        registries.add(new RegistryFixture(FileSystemObjectStore.open(storeDir), dir));
      }
      RegistryFixture first = registries.get(0);
      first.register("churn", 0);
      first.register("churn", 1);
      CyclicBarrier start = new CyclicBarrier(registries.size());
      List<String> winners = Collections.synchronizedList(new ArrayList<>());
      Map<String, String> acked = new ConcurrentHashMap<>(); // tag n -> model/version as acknowledged
      Set<Integer> movesAcked = ConcurrentHashMap.newKeySet();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < TARGETS.size(); i++) {
        RegistryFixture fx = registries.get(i);
        String target = TARGETS.get(i);
        done.add(threads.submit(() -> {
          start.await();
          try {
            fx.registry.rename("churn", target, "racer");
            winners.add(target);
          } catch (ConflictException | NotFoundException expected) {
            // the typed errors of a lost race: being renamed, renamed already, name taken
          }
          return null;
        }));
      }
      for (int r = 0; r < 2; r++) {
        RegistryFixture fx = registries.get(TARGETS.size() + r);
        int writer = r;
        done.add(threads.submit(() -> {
          start.await();
          for (int n = 0; n < 4; n++) {
            String tag = writer + "-" + n;
            try {
              ModelVersion v = fx.registry.register(ModelSpec.builder().model("churn")
                  .artifact(fx.model("m-" + tag + ".onnx", 0.5f), ModelFormat.ONNX).tag("n", tag).build());
              acked.put(tag, v.model() + "/" + v.version());
            } catch (ConflictException renamed) {
              return null;
            }
          }
          return null;
        }));
      }
      RegistryFixture mover = registries.get(registries.size() - 1);
      done.add(threads.submit(() -> {
        start.await();
        for (int version : List.of(1, 2, 1, 2)) {
          try {
            mover.registry.moveAliases("churn", Map.of("live", version), "mover", "race");
            movesAcked.add(version);
          } catch (NotFoundException renamed) {
            return null;
          }
        }
        return null;
      }));
      for (Future<?> f : done) {
        f.get();
      }

      assertEquals(1, winners.size(), "winners: " + winners);
      String name = winners.get(0);
      try (RegistryFixture reader = new RegistryFixture(FileSystemObjectStore.open(storeDir), dir)) {
        assertEquals(List.of(name), reader.registry.models());
        Map<String, Integer> byTag = new TreeMap<>();
        for (ModelVersion v : reader.registry.versions(name)) {
          if (v.tags().containsKey("n")) {
            byTag.put(v.tags().get("n"), v.version());
          }
        }
        acked.forEach((tag, where) -> {
          int version = Integer.parseInt(where.substring(where.indexOf('/') + 1));
          assertEquals(version, byTag.get(tag), "acknowledged " + where + " (n=" + tag + ") under " + name);
        });
        List<Integer> history = reader.registry.aliasHistory(name, "live").stream()
            .map(m -> m.to().getAsInt()).toList();
        assertTrue(history.containsAll(movesAcked), history + " holds " + movesAcked);
        List<AliasMove> moves = reader.registry.aliasHistory(name, "live");
        if (!moves.isEmpty()) {
          assertEquals(moves.get(moves.size() - 1).to().getAsInt(), reader.registry.aliases(name).get("live"));
        }
      }
      try (dev.mlops.core.MlOps mlops = dev.mlops.core.MlOps.local(storeDir)) {
        assertEquals(List.of(), dev.mlops.core.testing.StoreChecks.problems(mlops), "the store verifies");
      }
    } finally {
      threads.shutdownNow();
      registries.forEach(RegistryFixture::close);
    }
  }
}
