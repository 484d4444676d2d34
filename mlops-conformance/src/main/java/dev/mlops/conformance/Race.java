package dev.mlops.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs tasks on their own threads, released together by a barrier so that they really race. */
final class Race {
  /** Guards against a deadlocked store hanging the build; not a performance assertion. */
  private static final long HANG_GUARD_MINUTES = 5;

  private Race() {}

  /**
   * Runs {@code threads} tasks at once and returns their results in thread order.
   *
   * @param threads how many threads race
   * @param task makes the task of thread {@code i}
   * @return each task's result
   * @throws Exception the first task failure
   */
  static <T> List<T> run(int threads, IntFunction<Callable<T>> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<T> each = task.apply(i);
        futures.add(pool.submit(() -> {
          start.await();
          return each.call();
        }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          results.add(future.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES));
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
