package dev.mlops.core.internal.dataset;

import dev.mlops.core.internal.content.ChunkedWriter;
import dev.mlops.core.internal.content.Chunker;
import dev.mlops.core.internal.content.ContentWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads several files at once: storing a chunk waits on the disk (fsync) or the network, so a few
 * files in flight keep both the CPU and the store busy. At most {@link #PARALLELISM} tasks run at
 * once, each with its own chunked writer, so memory stays bounded whatever the number of files.
 */
final class ParallelHasher {
  /** Files in flight at once. */
  static final int PARALLELISM = 8;

  /** What to do with one item, given a writer nobody else uses meanwhile. */
  interface Task<T, R> {
    R run(T item, ChunkedWriter writer);
  }

  private ParallelHasher() {}

  static <T, R> List<R> map(List<T> items, Executor executor, ContentWrite write, Chunker chunker,
      Task<T, R> task) {
    int parallelism = Math.min(PARALLELISM, Math.max(1, items.size()));
    BlockingQueue<ChunkedWriter> writers = new ArrayBlockingQueue<>(parallelism);
    for (int i = 0; i < parallelism; i++) {
      writers.add(write.chunked(chunker));
    }
    List<R> results = new ArrayList<>(java.util.Collections.nCopies(items.size(), null));
    Semaphore slots = new Semaphore(parallelism);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    for (int i = 0; i < items.size() && failure.get() == null; i++) {
      slots.acquireUninterruptibly();
      int index = i;
      CompletableFuture.runAsync(() -> {
        ChunkedWriter writer = writers.poll();
        try {
          R result = task.run(items.get(index), writer);
          synchronized (results) {
            results.set(index, result);
          }
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e instanceof RuntimeException r ? r : new IllegalStateException(e));
        } finally {
          writers.add(writer);
          slots.release();
        }
      }, executor);
    }
    slots.acquireUninterruptibly(parallelism); // wait for the tasks in flight
    if (failure.get() != null) {
      throw failure.get();
    }
    synchronized (results) {
      return new ArrayList<>(results);
    }
  }
}
