package dev.mlops.core.internal.experiment;

import dev.mlops.api.Names;
import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.experiment.BackpressurePolicy;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The hot path of metric logging: a bounded buffer of {@link MetricChunk}s. Callers append into
 * the active chunk under a short uncontended lock (no allocation, no I/O); full chunks are sealed
 * and queued for the background writer, which returns them when written. When every chunk is in
 * use the back-pressure policy decides: BLOCK waits for the writer, DROP_OLDEST recycles the
 * oldest queued chunk, DOWNSAMPLE halves the active chunk's points per key.
 */
final class MetricBuffer {
  private static final int CHUNKS = 4;

  private final BackpressurePolicy policy;
  private final ArrayDeque<MetricChunk> free = new ArrayDeque<>(CHUNKS);
  private final ArrayDeque<MetricChunk> sealed = new ArrayDeque<>(CHUNKS);
  private final Map<String, Integer> keyIds = new HashMap<>();
  private final Runnable wakeWriter;
  private final Counter droppedMeter;
  private String[] keyNames = new String[16];
  private long[] lastSteps = new long[16];
  private int[] parityScratch = new int[16];
  private int keyCount;
  private @Nullable MetricChunk active;
  private @Nullable MetricChunk inFlight;
  private long sealCount;
  private long dropped;
  private boolean closed;
  private @Nullable RuntimeException writerFailure;
  /** Failed writes so far; a flush fails only on a failure that happens while it waits. */
  private long failures;

  MetricBuffer(int capacity, BackpressurePolicy policy, Map<String, Long> lastStepsSoFar,
      Runnable wakeWriter, Counter droppedMeter) {
    this.policy = policy;
    this.droppedMeter = droppedMeter;
    this.wakeWriter = wakeWriter;
    int chunkSize = Math.max(1, capacity / CHUNKS);
    for (int i = 0; i < CHUNKS; i++) {
      free.add(new MetricChunk(chunkSize));
    }
    active = free.poll();
    lastStepsSoFar.forEach((key, step) -> lastSteps[intern(key)] = step);
  }

  /** Appends one point; step -1 means "the key's last step + 1". */
  synchronized void add(String key, double value, long step, long time) {
    if (closed) {
      throw new IllegalStateException("the run is closed; start or resume a run to log more");
    }
    Integer id = keyIds.get(key);
    int k = id != null ? id : intern(key);
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

  private int intern(String key) {
    Names.requireValid("metric key", key);
    int k = keyCount++;
    if (k == keyNames.length) {
      keyNames = Arrays.copyOf(keyNames, k * 2);
      lastSteps = Arrays.copyOf(lastSteps, k * 2);
      parityScratch = new int[k * 2];
    }
    keyNames[k] = key;
    lastSteps[k] = -1;
    keyIds.put(key, k);
    return k;
  }

  /**
   * Finds room for one point: the active chunk if it has room, else a free chunk. Re-checks the
   * active chunk after every wait, because the writer's periodic {@link #sealForFlush} may have
   * made a free chunk active meanwhile; taking another free chunk then would lose that one for
   * good (four such losses and a BLOCK caller waited forever).
   */
  private @Nullable MetricChunk makeRoom() {
    while (true) {
      MetricChunk current = active;
      if (current != null && !current.isFull()) {
        return current;
      }
      if (current != null) {
        if (policy == BackpressurePolicy.DOWNSAMPLE && free.isEmpty()) {
          drop(current.halve(parityScratch, keyCount));
          return current.isFull() ? null : current;
        }
        seal();
      }
      MetricChunk next = free.poll();
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

  /** Seals the active chunk and returns the sequence number a flush must wait for. */
  synchronized long sealForFlush() {
    seal();
    if (active == null && !free.isEmpty()) {
      active = free.poll();
    }
    return sealCount;
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
    if (inFlight != null) {
      return inFlight.seq;
    }
    MetricChunk next = sealed.peekFirst();
    return next == null ? Long.MAX_VALUE : next.seq;
  }

  /** For the writer: the next chunk to write, or null; it counts as pending until written. */
  synchronized @Nullable MetricChunk takeForWrite() {
    inFlight = sealed.pollFirst();
    return inFlight;
  }

  synchronized void written(MetricChunk chunk) {
    inFlight = null;
    writerFailure = null;
    chunk.size = 0;
    free.add(chunk);
    notifyAll();
  }

  synchronized void failed(MetricChunk chunk, RuntimeException failure) {
    sealed.addFirst(chunk); // retried first, so order is kept
    inFlight = null;
    failures++;
    writerFailure = failure;
    notifyAll();
  }

  synchronized boolean hasSealed() {
    return !sealed.isEmpty();
  }

  synchronized boolean hasUnsealedPoints() {
    return active != null && active.size > 0;
  }

  synchronized String[] keyNames() {
    return Arrays.copyOf(keyNames, keyCount);
  }

  synchronized long dropped() {
    return dropped;
  }

  synchronized void close() {
    closed = true;
  }

  private void awaitChange() {
    try {
      wait(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the metric writer", e);
    }
  }
}
