package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.Prediction;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.internal.onnx.SharedSession;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.testing.Eventually;
import dev.mlops.core.testing.OnnxTestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 4 threads predict through one alias-following handle while the alias moves 20 times between 3
 * versions (each a deliberately slow model, so predictions overlap the moves).
 */
class HotSwapTest {
  static final float[] ROW = {1f, 2f, 3f};

  @TempDir Path dir;

  record Call(long start, long end, int version, float[] output) {}

  record Move(long start, long end, int version) {}

  @Test
  void predictionsNeverFailAndAreServedByAVersionTheAliasPointedToDuringTheCall() throws Exception {
    int sessionsBefore = SharedSession.openSessions();
    float[][] biases = new float[3][];
    try (RegistryFixture fx = new RegistryFixture(InMemoryObjectStore.create(), dir)) {
      for (int v = 0; v < 3; v++) {
        biases[v] = new float[] {v, -v};
        Path file = OnnxTestModels.write(OnnxTestModels.logisticRegression(RegistryFixture.WEIGHTS, biases[v], 200),
            dir.resolve("slow" + v + ".onnx"));
        fx.registry.register(dev.mlops.api.registry.ModelSpec.builder().model("churn")
            .artifact(file, dev.mlops.api.registry.ModelFormat.ONNX).build());
      }
      List<Move> moves = new ArrayList<>();
      long t0 = System.nanoTime();
      fx.moveAlias("churn", "production", 1);
      moves.add(new Move(t0, System.nanoTime(), 1));
      ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      CountDownLatch started = new CountDownLatch(4);
      try (ModelHandle handle = fx.registry.load("churn@production")) {
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          workers.add(pool.submit(() -> {
            started.countDown();
            while (!stop.get()) {
              long start = System.nanoTime();
              try {
                Prediction p = handle.predict(Tensor.ofFloats(new float[][] {ROW}));
                calls.add(new Call(start, System.nanoTime(), p.version().version(), p.first().floatRows()[0]));
              } catch (Throwable e) {
                failures.add(e);
              }
            }
          }));
        }
        started.await();
        // Each move waits for a prediction that started after the previous move ended, instead of
        // sleeping: so every version serves, whatever the scheduler does with the threads.
        servedAfter(calls, moves.get(0).end());
        for (int i = 0; i < 20; i++) {
          int target = 1 + (i + 1) % 3;
          long start = System.nanoTime();
          fx.registry.moveAliases("churn", Map.of("production", target), "mover", "move " + i);
          moves.add(new Move(start, System.nanoTime(), target));
          servedAfter(calls, moves.get(moves.size() - 1).end());
        }
        stop.set(true);
        for (Future<?> worker : workers) {
          worker.get();
        }
      } finally {
        pool.shutdown();
      }
      assertTrue(failures.isEmpty(), () -> "failed predictions: " + failures);
      for (int k = 0; k < moves.size(); k++) {
        Move move = moves.get(k);
        long next = k + 1 < moves.size() ? moves.get(k + 1).start() : Long.MAX_VALUE;
        assertTrue(calls.stream().anyMatch(c -> c.start() > move.end() && c.end() < next
            && c.version() == move.version()), "a call between move " + k + " and the next was served by its version");
      }
      for (Call call : calls) {
        assertTrue(pointedDuring(moves, call), () -> "served by version " + call.version() + " outside its time");
        float[] expected = OnnxTestModels.expected(RegistryFixture.WEIGHTS, biases[call.version() - 1], ROW);
        assertArrayEquals(expected, call.output(), 1e-5f, "the output came from that version's weights");
      }
      assertEquals(3, calls.stream().mapToInt(Call::version).distinct().count(), "every version served");
    }
    assertEquals(sessionsBefore, SharedSession.openSessions(), "no session leaked");
  }

  /** Waits until a prediction that started after {@code nanos} has completed. */
  private static void servedAfter(ConcurrentLinkedQueue<Call> calls, long nanos) {
    Eventually.await("a prediction after the move", () -> calls.stream().anyMatch(c -> c.start() > nanos));
  }

  /**
   * Whether the alias could have pointed to the call's version during the call: version k holds
   * from the start of the move that set it to the end of the next move.
   */
  static boolean pointedDuring(List<Move> moves, Call call) {
    for (int k = 0; k < moves.size(); k++) {
      Move move = moves.get(k);
      long until = k + 1 < moves.size() ? moves.get(k + 1).end() : Long.MAX_VALUE;
      if (move.version() == call.version() && move.start() <= call.end() && call.start() <= until) {
        return true;
      }
    }
    return false;
  }
}
