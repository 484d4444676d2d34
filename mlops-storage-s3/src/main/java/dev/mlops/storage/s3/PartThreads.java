package dev.mlops.storage.s3;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads on which one store sends the parts of its multipart uploads, named {@value
 * #NAME_PREFIX}{@code <bucket>-<n>}. They are made as parts need them (at most {@code
 * uploadConcurrency} per upload in flight), end after a minute idle, and are all ended by {@link
 * #close}: the store owns them, and none outlives it. Daemon threads: an upload in progress holds
 * its caller, not the JVM.
 */
final class PartThreads {
  /** The start of the name of every part thread. */
  static final String NAME_PREFIX = "mlops-s3-part-";

  /** The longest {@link #close} waits for the part threads to end once their requests are cut. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(PartThreads.class);

  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger numbers = new AtomicInteger();
  private final ThreadPoolExecutor executor;

  PartThreads(String bucket) {
    executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), task -> {
          Thread thread = new Thread(task, NAME_PREFIX + bucket + "-" + numbers.incrementAndGet());
          thread.setDaemon(true);
          // A thread stays here until it has ended, not merely left its task, so close can join it.
          threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
          threads.add(thread);
          return thread;
        });
  }

  /** The executor that runs part uploads; it refuses tasks once {@link #close} began. */
  ExecutorService executor() {
    return executor;
  }

  /**
   * Ends every part thread: refuses new parts, interrupts the threads, runs {@code
   * closeConnections} (which cuts the requests still in flight: an interrupt alone does not end a
   * blocked socket read), then joins each thread, up to {@link #CLOSE_WAIT} in all. Idempotent.
   * An upload cut this way fails with nothing stored; its parts are freed by its own abort if the
   * connections still allow it, else later by garbage collection or a bucket lifecycle rule.
   *
   * @param closeConnections closes the HTTP client the parts use
   */
  void close(Runnable closeConnections) {
    for (Runnable neverStarted : executor.shutdownNow()) {
      if (neverStarted instanceof Future<?> part) {
        part.cancel(false); // so that nobody waits for a part that will never be sent
      }
    }
    try {
      closeConnections.run();
    } finally {
      if (joinAll()) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Joins the part threads still alive, up to {@link #CLOSE_WAIT} in all; tells if interrupted. */
  private boolean joinAll() {
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    for (Thread thread : List.copyOf(threads)) {
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        return true;
      }
      if (thread.isAlive()) {
        LOG.warn("Part upload thread {} did not end within {} of closing the store; it ends when"
            + " its request does", thread.getName(), CLOSE_WAIT);
      }
    }
    return false;
  }
}
