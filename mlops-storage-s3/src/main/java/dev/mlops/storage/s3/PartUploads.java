package dev.mlops.storage.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The parts of one multipart upload in flight. Each part goes up from its own buffer on the
 * store's part threads while the caller's thread reads the next one; at most {@code concurrency}
 * parts are in flight, and there are at most {@code concurrency} buffers, or as many as the
 * uploader filled before it knew the object was large (see {@code multipartThreshold}). A buffer
 * is reused as soon as its part is done. With a concurrency of 1 every part goes up in the
 * caller's thread.
 *
 * <p>Driven by one thread (the uploader); the part threads only send and hand buffers back.
 */
final class PartUploads {
  /** Sends one part; throws the store's exception if it fails after the SDK's retries. */
  @FunctionalInterface
  interface PartSender {
    CompletedPart send(int number, PartBuffer buffer);
  }

  private final @Nullable ExecutorService threads;
  private final int concurrency;
  private final int partSize;
  private final PartSender sender;
  private final BlockingQueue<PartBuffer> free = new LinkedBlockingQueue<>();
  private final List<Future<CompletedPart>> sent = new ArrayList<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final Semaphore inFlight;
  private int buffers;

  /**
   * @param threads the store's part threads; null to send in the caller's thread
   * @param concurrency the most parts in flight, and buffers made; 1 without threads
   * @param held the buffers the uploader already holds
   */
  PartUploads(@Nullable ExecutorService threads, int concurrency, int partSize, int held,
      PartSender sender) {
    this.threads = threads;
    this.concurrency = threads == null ? 1 : concurrency;
    this.partSize = partSize;
    this.sender = sender;
    this.inFlight = new Semaphore(this.concurrency);
    this.buffers = held;
  }

  /**
   * Sends part {@code number} from {@code buffer}, which comes back for reuse when it is done.
   *
   * @throws RuntimeException the failure of an earlier part, if one failed
   * @throws IllegalStateException if the store was closed meanwhile
   * @throws InterruptedException if interrupted while waiting for a part to finish
   */
  void send(int number, PartBuffer buffer) throws InterruptedException {
    throwIfFailed();
    if (threads == null) {
      sent.add(CompletableFuture.completedFuture(sender.send(number, buffer)));
      free.add(buffer);
      return;
    }
    inFlight.acquire();
    try {
      sent.add(threads.submit(() -> {
        try {
          return sender.send(number, buffer);
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
          throw e;
        } finally {
          free.add(buffer);
          inFlight.release();
        }
      }));
    } catch (RejectedExecutionException e) {
      inFlight.release();
      throw new IllegalStateException("the store was closed during the upload", e);
    }
  }

  /**
   * Returns a buffer for the next part: a free one, a new one while fewer than {@code
   * concurrency} exist, or else the next one a part in flight hands back.
   *
   * @throws RuntimeException the failure of an earlier part, if one failed
   * @throws InterruptedException if interrupted while waiting for a part to finish
   */
  PartBuffer nextBuffer() throws InterruptedException {
    PartBuffer buffer = free.poll();
    if (buffer == null && buffers < concurrency) {
      buffers++;
      buffer = PartBuffer.full(partSize);
    }
    if (buffer == null) {
      buffer = free.take();
    }
    throwIfFailed();
    return buffer;
  }

  /**
   * Waits for every part sent.
   *
   * @return the parts in order
   * @throws RuntimeException the first failure of a part
   * @throws InterruptedException if interrupted while waiting
   */
  List<CompletedPart> awaitAll() throws InterruptedException {
    List<CompletedPart> parts = new ArrayList<>(sent.size());
    for (Future<CompletedPart> part : sent) {
      try {
        parts.add(part.get());
      } catch (ExecutionException e) {
        throwIfFailed();
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException("a part failed without a recorded failure", e);
      }
    }
    return parts;
  }

  /**
   * Waits, even if interrupted, until no part is in flight, so that an abort that follows frees
   * every part. Parts are not cancelled: a request cut midway could be retried by nobody and
   * still land after the abort. The wait is bounded by the timeouts and retries of each part.
   */
  void settle() {
    boolean interrupted = false;
    for (Future<CompletedPart> part : sent) {
      while (true) {
        try {
          part.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException | CancellationException e) {
          break; // its failure is already reported, or another one is
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void throwIfFailed() {
    RuntimeException first = failure.get();
    if (first != null) {
      throw first;
    }
  }
}
