package dev.mlops.core.internal.lifecycle;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every thread one owner (an {@code MlOps}) starts: daemon threads named {@code mlops-...}, each
 * remembered until it has ended, so {@link #close(Duration)} can wait for the last of them. A
 * thread that ended is forgotten when the next one is made, so a long-lived owner that starts a
 * thread per run keeps no list of dead ones. Thread-safe.
 */
public final class OwnedThreads {
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private boolean closed; // guarded by this

  /**
   * Returns a factory of threads named {@code prefix} followed by a number counted from 1 (for
   * executors).
   *
   * @param prefix the name's start, such as {@code mlops-worker-}
   * @return the factory
   */
  public ThreadFactory factory(String prefix) {
    requireNonNull(prefix, "prefix");
    AtomicInteger count = new AtomicInteger();
    return task -> newThread(prefix + count.incrementAndGet(), task);
  }

  /**
   * Returns a factory of threads that all have one name (for a single-thread executor).
   *
   * @param name the threads' name
   * @return the factory
   */
  public ThreadFactory named(String name) {
    requireNonNull(name, "name");
    return task -> newThread(name, task);
  }

  /**
   * Makes a daemon thread, not yet started, that {@link #close(Duration)} will wait for.
   *
   * @param name its name
   * @param task what it runs
   * @return the thread
   * @throws RejectedExecutionException once this owner is closed
   */
  public synchronized Thread newThread(String name, Runnable task) {
    if (closed) {
      throw new RejectedExecutionException("no new thread '" + name + "': its MlOps was closed");
    }
    threads.removeIf(thread -> thread.getState() == Thread.State.TERMINATED);
    Thread thread = new Thread(task, name);
    thread.setDaemon(true); // a forgotten close() must not keep the JVM alive
    threads.add(thread);
    return thread;
  }

  /**
   * Returns whether a thread was made here.
   *
   * @param thread the thread
   * @return true if it is one of this owner's threads
   */
  public boolean owns(Thread thread) {
    return threads.contains(thread);
  }

  /**
   * Refuses new threads and waits for every thread made here to end (threads never started do not
   * count).
   *
   * @param timeout how long to wait in total
   * @return the threads still alive when the time was up (empty when all ended)
   */
  public List<Thread> close(Duration timeout) {
    synchronized (this) {
      closed = true;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean interrupted = false;
    List<Thread> alive = new ArrayList<>();
    for (Thread thread : threads) {
      if (thread == Thread.currentThread()) {
        continue; // close() called from a thread of ours cannot wait for itself
      }
      while (thread.isAlive()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          alive.add(thread);
          break;
        }
        try {
          thread.join(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: the caller asked for the threads to be gone
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return alive;
  }
}
