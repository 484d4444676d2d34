package dev.mlops.core.internal.experiment;

import dev.mlops.api.Names;
import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.experiment.BackpressurePolicy;
import io.micrometer.core.instrument.Counter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The hot path of metric logging: a bounded buffer of {@link MetricChunk}s. Callers append into
 * the active chunk (no allocation, no I/O); full chunks are sealed and queued for the background
 * writer, which returns them when written. When every chunk is in use the back-pressure policy
 * decides: BLOCK waits for the writer, DROP_OLDEST recycles the oldest queued chunk, DOWNSAMPLE
 * halves the active chunk's points per key. Chunks are allocated as they are first needed, so a
 * run that logs a few points a second holds one chunk, not four.
 *
 * <p>Two locks, always taken in this order. The <em>producer lock</em> (one compare-and-set to
 * take, one plain release store to give back; a monitor costs two compare-and-sets) guards what
 * only logging calls touch: the active chunk, the key table and each key's last step. The
 * monitor guards the queues the writer shares and is taken only once per chunk, for a new key,
 * or to wait. Anyone else who wants the active chunk sealed (a flush, the writer's timer) takes
 * the producer lock only when it is free and otherwise raises {@code sealWanted}, which the next
 * logging call obeys; so the writer never waits for a logging call that itself waits for the
 * writer.
 */
final class MetricBuffer {
  private static final int CHUNKS = 4;
  private static final VarHandle PRODUCER_LOCK;

  static {
    try {
      PRODUCER_LOCK = MethodHandles.lookup()
          .findVarHandle(MetricBuffer.class, "producerLock", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final BackpressurePolicy policy;
  private final ArrayDeque<MetricChunk> free = new ArrayDeque<>(CHUNKS);
  private final int chunkSize;
  /** Chunks made so far, at most {@link #CHUNKS}. */
  private int allocated;
  private final ArrayDeque<MetricChunk> sealed = new ArrayDeque<>(CHUNKS);
  private final KeyIds keyIds = new KeyIds();
  private final Runnable wakeWriter;
  private final Counter droppedMeter;
  @SuppressWarnings("unused") // through PRODUCER_LOCK: 1 while a logging call runs
  private volatile int producerLock;
  /** Set by a flush or the writer's timer; the next logging call seals the active chunk. */
  private volatile boolean sealWanted;
  private volatile boolean closed;
  private String[] keyNames = new String[16];
  private long[] lastSteps = new long[16];
  private int[] parityScratch = new int[16];
  private int keyCount;
  private @Nullable MetricChunk active;
  private final ArrayDeque<MetricChunk> inFlight = new ArrayDeque<>(CHUNKS);
  private long sealCount;
  /** Seal requests made and served, so a flush knows when its request was met. */
  private long sealsRequested;
  private long sealsServed;
  private long dropped;
  private @Nullable RuntimeException writerFailure;
  /** Failed writes so far; a flush fails only on a failure that happens while it waits. */
  private long failures;

  MetricBuffer(int capacity, BackpressurePolicy policy, Map<String, Long> lastStepsSoFar,
      Runnable wakeWriter, Counter droppedMeter) {
    this.policy = policy;
    this.droppedMeter = droppedMeter;
    this.wakeWriter = wakeWriter;
    chunkSize = Math.max(1, capacity / CHUNKS);
    active = takeChunk();
    lastStepsSoFar.forEach((key, step) -> lastSteps[intern(key)] = step);
  }

  /** Appends one point; step -1 means "the key's last step + 1". */
  void add(String key, double value, long step, long time) {
    lockProducer();
    try {
      int k = key == null ? -1 : keyIds.find(key);
      MetricChunk chunk = active;
      if (k < 0 || chunk == null || chunk.isFull() || sealWanted || closed) {
        synchronized (this) {
          addSlowly(key, value, step, time);
        }
        return;
      }
      long s = step >= 0 ? step : lastSteps[k] + 1;
      int i = chunk.size;
      chunk.keys[i] = k;
      chunk.steps[i] = s;
      chunk.times[i] = time;
      chunk.values[i] = value;
      chunk.size = i + 1;
      lastSteps[k] = s;
    } finally {
      unlockProducer();
    }
  }

  /** The rare cases of {@link #add}, holding both locks. */
  private void addSlowly(String key, double value, long step, long time) {
    if (closed) {
      throw new IllegalStateException("the run is closed; start or resume a run to log more");
    }
    int k = keyIds.find(Names.requireValidKey("metric key", key));
    if (k < 0) {
      k = intern(key);
    }
    if (sealWanted) {
      serveSeal();
    }
    long s = step >= 0 ? step : lastSteps[k] + 1;
    MetricChunk chunk = active;
    if (chunk == null || chunk.isFull()) {
      chunk = makeRoom();
      if (chunk == null) {
        drop(1);
        return;
      }
    }
    int i = chunk.size++;
    chunk.keys[i] = k;
    chunk.steps[i] = s;
    chunk.times[i] = time;
    chunk.values[i] = value;
    lastSteps[k] = s;
  }

  private void lockProducer() {
    if (!PRODUCER_LOCK.compareAndSet(this, 0, 1)) {
      lockProducerContended();
    }
  }

  private void lockProducerContended() {
    for (int spins = 0; !PRODUCER_LOCK.compareAndSet(this, 0, 1); spins++) {
      if (spins < 64) {
        Thread.onSpinWait();
      } else if (spins < 128) {
        Thread.yield();
      } else {
        LockSupport.parkNanos(50_000L); // the holder may be waiting for the writer (BLOCK)
      }
    }
  }

  private boolean tryLockProducer() {
    return PRODUCER_LOCK.compareAndSet(this, 0, 1);
  }

  private void unlockProducer() {
    PRODUCER_LOCK.setRelease(this, 0);
  }

  private int intern(String key) {
    Names.requireValidKey("metric key", key);
    int k = keyCount++;
    if (k == keyNames.length) {
      keyNames = Arrays.copyOf(keyNames, k * 2);
      lastSteps = Arrays.copyOf(lastSteps, k * 2);
      parityScratch = new int[k * 2];
    }
    keyNames[k] = key;
    lastSteps[k] = -1;
    keyIds.add(key, k);
    return k;
  }

  /**
   * Finds room for one point: the active chunk if it has room, else a free chunk. Re-checks the
   * active chunk after every wait: taking a free chunk while another one is active would lose
   * that one for good (four such losses once made a BLOCK caller wait forever, when a periodic
   * seal could install a chunk during the wait).
   */
  private @Nullable MetricChunk makeRoom() {
    while (true) {
      MetricChunk current = active;
      if (current != null && !current.isFull()) {
        return current;
      }
      if (current != null) {
        if (policy == BackpressurePolicy.DOWNSAMPLE && free.isEmpty() && allocated == CHUNKS) {
          drop(current.halve(parityScratch, keyCount));
          return current.isFull() ? null : current;
        }
        seal();
      }
      MetricChunk next = takeChunk();
      if (next != null) {
        active = next;
        return next;
      }
      if (policy == BackpressurePolicy.DROP_OLDEST && !sealed.isEmpty()) {
        MetricChunk oldest = sealed.pollFirst();
        drop(oldest.size);
        oldest.size = 0;
        free.add(oldest);
        notifyAll(); // a flush() waiting for the dropped chunk may return
      } else if (policy == BackpressurePolicy.BLOCK) {
        wakeWriter.run();
        awaitChange();
      } else {
        return null;
      }
    }
  }

  /** A free chunk, or a new one while fewer than {@link #CHUNKS} exist, or null. */
  private @Nullable MetricChunk takeChunk() {
    MetricChunk chunk = free.poll();
    if (chunk == null && allocated < CHUNKS) {
      chunk = new MetricChunk(chunkSize);
      allocated++;
    }
    return chunk;
  }

  /** How many chunks exist so far (for tests of the memory a run holds). */
  synchronized int allocatedChunks() {
    return allocated;
  }

  private void drop(int points) {
    dropped += points;
    droppedMeter.increment(points);
  }

  private void seal() {
    MetricChunk current = active;
    if (current != null && current.size > 0) {
      current.seq = ++sealCount;
      sealed.addLast(current);
      active = null;
      wakeWriter.run();
    }
  }

  /** Seals the active chunk (holding both locks) and answers every seal request so far. */
  private void serveSeal() {
    sealWanted = false;
    seal();
    if (active == null) {
      active = free.poll(); // no new chunk here: the next point may find the sealed one written
    }
    sealsServed = sealsRequested;
    notifyAll();
  }

  /**
   * Seals the active chunk and returns the sequence number a flush must wait for. If a logging
   * call holds the producer lock (it may be waiting for the writer), the seal is left to that
   * thread's next call or to the moment the lock is free, whichever comes first.
   */
  long sealForFlush() {
    long ticket;
    synchronized (this) {
      ticket = ++sealsRequested;
      sealWanted = true;
    }
    while (true) {
      if (tryLockProducer()) {
        try {
          synchronized (this) {
            if (sealsServed < ticket) {
              serveSeal();
            }
            return sealCount;
          }
        } finally {
          unlockProducer();
        }
      }
      synchronized (this) {
        if (sealsServed >= ticket) {
          return sealCount;
        }
        wakeWriter.run(); // a logging call waiting for room needs the writer to move on
        awaitChange(1);
      }
    }
  }

  /**
   * For the writer's timer: seals the active chunk now if no logging call is running, else asks
   * the next logging call to. Never waits.
   */
  void sealSoon() {
    if (tryLockProducer()) {
      try {
        synchronized (this) {
          serveSeal();
        }
      } finally {
        unlockProducer();
      }
    } else {
      sealWanted = true;
    }
  }

  /**
   * Waits until every chunk sealed up to {@code target} is written or dropped; throws if a write
   * fails meanwhile (the chunk stays queued and the writer keeps retrying).
   */
  synchronized void awaitWritten(long target) {
    long failuresBefore = failures;
    while (pendingFloor() <= target) {
      if (failures > failuresBefore && writerFailure != null) {
        throw new StorageUnavailableException("metric points could not be written: "
            + writerFailure.getMessage() + "; they stay buffered and are retried", writerFailure);
      }
      wakeWriter.run();
      awaitChange();
    }
  }

  private long pendingFloor() {
    MetricChunk next = inFlight.isEmpty() ? sealed.peekFirst() : inFlight.peekFirst();
    return next == null ? Long.MAX_VALUE : next.seq;
  }

  /**
   * For the writer: moves every sealed chunk, oldest first, into {@code batch}, to be written as
   * one segment (when the writer falls behind, one write and one fsync then serve several
   * chunks). They count as pending until {@link #written} or {@link #failed}.
   *
   * @return whether there was anything to write
   */
  synchronized boolean takeForWrite(List<MetricChunk> batch) {
    batch.clear();
    MetricChunk chunk;
    while ((chunk = sealed.pollFirst()) != null) {
      batch.add(chunk);
      inFlight.addLast(chunk);
    }
    return !batch.isEmpty();
  }

  synchronized void written(List<MetricChunk> batch) {
    inFlight.removeAll(batch);
    writerFailure = null;
    for (MetricChunk chunk : batch) {
      chunk.size = 0;
      free.add(chunk);
    }
    notifyAll();
  }

  synchronized void failed(List<MetricChunk> batch, RuntimeException failure) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      sealed.addFirst(batch.get(i)); // retried first, so order is kept
    }
    inFlight.removeAll(batch);
    failures++;
    writerFailure = failure;
    notifyAll();
  }

  synchronized boolean hasSealed() {
    return !sealed.isEmpty();
  }

  /** Tells whether a seal was asked for and no logging call has served it yet. */
  boolean sealPending() {
    return sealWanted;
  }

  /** Tells whether the active chunk holds points; a logging call in progress counts as yes. */
  boolean hasUnsealedPoints() {
    if (!tryLockProducer()) {
      return true;
    }
    try {
      MetricChunk current = active;
      return current != null && current.size > 0;
    } finally {
      unlockProducer();
    }
  }

  synchronized String[] keyNames() {
    return Arrays.copyOf(keyNames, keyCount);
  }

  synchronized long dropped() {
    return dropped;
  }

  /** Refuses further points; waits for a logging call in progress to finish first. */
  void close() {
    lockProducer();
    closed = true;
    unlockProducer();
  }

  private void awaitChange() {
    awaitChange(100);
  }

  private void awaitChange(long millis) {
    try {
      wait(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the metric writer", e);
    }
  }
}
