package dev.mlops.core.internal.content;

import dev.mlops.api.MlOpsException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * The puts of one {@link ChunkedWriter}'s chunks, run on an executor a few at a time while the
 * writer cuts and hashes the next ones. A put waits on the disk (an fsync per object and one per
 * directory entry) or the network, and a single stream's chunks stored one after the other left a
 * core idle for that long: a 1 GiB Parquet table's commit, whose file and Arrow stream are two such
 * streams, took 2 s longer into a store on disk than into one in memory.
 *
 * <p>At most {@link #IN_FLIGHT} puts are pending, each from a copy of its chunk in one of as many
 * buffers of a maximum chunk, reused from put to put: memory stays bounded, and the heap is not
 * churned by a new array of about a megabyte per chunk (which the JVM allocates outside its young
 * generation when the heap is small; a 1 GiB Parquet commit under 256 MiB then used all of it). A
 * writer that waits for a put runs it itself if no thread has started it: the executor may be
 * bounded and busy with the writer's own caller, and then nothing else would run it.
 *
 * <p>Not thread-safe: owned by one writer.
 */
final class ChunkPuts {
  /** Puts pending at once, per writer. */
  static final int IN_FLIGHT = 4;

  private final Executor executor;
  private final int maxChunk;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  /** Buffers whose puts have ended. */
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();

  /** A put not yet waited for, and the buffer it reads. */
  private record Pending(FutureTask<ChunkRef> task, byte[] buffer) {}

  /** What stores a chunk from the start of a buffer. */
  interface Put {
    ChunkRef put(byte[] buffer, int length);
  }

  ChunkPuts(Executor executor, int maxChunk) {
    this.executor = executor;
    this.maxChunk = maxChunk;
  }

  /**
   * Copies a chunk into a free buffer and starts its put, after waiting for the oldest put when
   * {@link #IN_FLIGHT} are pending.
   */
  void submit(byte[] bytes, int offset, int length, Put put) {
    if (pending.size() >= IN_FLIGHT) {
      Pending oldest = pending.removeFirst();
      complete(oldest.task());
      free.addLast(oldest.buffer());
    }
    byte[] buffer = free.isEmpty() ? new byte[maxChunk] : free.removeFirst();
    System.arraycopy(bytes, offset, buffer, 0, length);
    FutureTask<ChunkRef> task = new FutureTask<>(() -> put.put(buffer, length));
    pending.addLast(new Pending(task, buffer));
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run(); // an executor shut down: stored here, as without one
    }
  }

  /** Waits for every pending put; throws the first failure once all have ended. */
  void awaitAll() {
    RuntimeException failure = null;
    while (!pending.isEmpty()) {
      Pending oldest = pending.removeFirst();
      try {
        complete(oldest.task());
        free.addLast(oldest.buffer());
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void complete(FutureTask<ChunkRef> task) {
    task.run(); // runs the put here unless a thread has started it (then this returns at once)
    try {
      task.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new MlOpsException("Storing a chunk failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MlOpsException("Interrupted while a chunk was stored; nothing was committed. Retry the commit.", e);
    }
  }
}
