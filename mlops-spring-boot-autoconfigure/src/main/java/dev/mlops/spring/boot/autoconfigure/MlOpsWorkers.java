package dev.mlops.spring.boot.autoconfigure;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fixed pool {@code mlops.executor-threads} asks for. Deliberately not an {@code Executor} bean:
 * Spring Boot's own task executor backs off when the context has any, and this pool is the SDK's
 * alone. The MlOps bean depends on it, so the context closes the MlOps first (which ends the SDK's
 * tasks on it) and this pool after.
 */
final class MlOpsWorkers implements AutoCloseable {
  private final ExecutorService executor;

  MlOpsWorkers(int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread thread = new Thread(task, "mlops-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.executor = Executors.newFixedThreadPool(threads, factory);
  }

  ExecutorService executor() {
    return executor;
  }

  /** Shuts the pool down and waits for its threads, so none of ours outlives the context. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
