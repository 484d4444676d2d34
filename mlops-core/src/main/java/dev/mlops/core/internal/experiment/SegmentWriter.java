package dev.mlops.core.internal.experiment;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background side of one live run: writes sealed chunks as segments (seq claimed by
 * putIfAbsent), seals the active chunk every flush interval, and rewrites the heartbeat. Runs as
 * one long task on the SDK's executor until the run is closed and drained; the store writes
 * themselves run on a thread of their own ({@code mlops-segment-io-<run>}, made by the owner's
 * thread factory), so the next segment is encoded meanwhile.
 */
final class SegmentWriter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentWriter.class);

  private final String runId;
  private final ObjectStore store;
  private final MetricBuffer buffer;
  private final TrackerSettings settings;
  private final Counter segmentsWritten;
  private final Counter bytesWritten;
  private final PendingSegment segmentA = new PendingSegment();
  private final PendingSegment segmentB = new PendingSegment();
  private final ThreadFactory ioThreads;
  private @Nullable ExecutorService io;
  private final Map<String, Double> latest = new TreeMap<>();
  private final Map<String, Long> lastSteps = new TreeMap<>();
  private final SegmentCodec.Scratch scratch = new SegmentCodec.Scratch();
  private long nextSeq;
  private VersionToken heartbeatToken = VersionToken.ABSENT;
  private static final int MAX_FAILURES_WHEN_STOPPING = 5;
  private static final long SEAL_RETRY_NANOS = 100_000L;

  private int consecutiveFailures;
  private volatile boolean stopping;
  private volatile Thread thread;
  private volatile boolean done;

  SegmentWriter(String runId, ObjectStore store, MetricBuffer buffer, TrackerSettings settings,
      long firstSeq, Counter segmentsWritten, Counter bytesWritten, ThreadFactory ioThreads) {
    this.runId = runId;
    this.store = store;
    this.buffer = buffer;
    this.settings = settings;
    this.nextSeq = firstSeq;
    this.segmentsWritten = segmentsWritten;
    this.bytesWritten = bytesWritten;
    this.ioThreads = ioThreads;
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    long flushNanos = settings.flushInterval().toNanos();
    long beatNanos = settings.heartbeatInterval().toNanos();
    long nextFlush = System.nanoTime() + flushNanos;
    long nextBeat = System.nanoTime();
    try {
      while (true) {
        long now = System.nanoTime();
        if (now >= nextBeat) {
          beat();
          nextBeat = now + beatNanos;
        }
        if (now >= nextFlush || stopping || buffer.sealPending()) {
          buffer.sealSoon();
          nextFlush = now + flushNanos;
        }
        boolean wrote = drain();
        if (stopping && !buffer.hasSealed() && !buffer.hasUnsealedPoints()) {
          return;
        }
        if (stopping && consecutiveFailures >= MAX_FAILURES_WHEN_STOPPING) {
          LOG.error("run {}: giving up on unwritten metric points after {} failed writes while"
              + " closing", runId, consecutiveFailures);
          return; // close() reports the failure; a stuck store must not hang it forever
        }
        if (!wrote) {
          long until = buffer.sealPending()
              ? System.nanoTime() + SEAL_RETRY_NANOS // a logging call was running: try again soon
              : Math.min(nextFlush, nextBeat);
          LockSupport.parkNanos(this, until - System.nanoTime());
        }
      }
    } finally {
      if (io != null) {
        io.shutdown(); // idle: drain() returns only when no write is running
      }
      done = true;
    }
  }

  /** Wakes the writer (cheap; called when a chunk is sealed). */
  void wake() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Asks the writer to write everything and end. */
  void stop() {
    stopping = true;
    wake();
  }

  boolean isDone() {
    return done;
  }

  synchronized Map<String, Double> latest() {
    return new TreeMap<>(latest);
  }

  synchronized Map<String, Long> lastSteps() {
    return new TreeMap<>(lastSteps);
  }

  /**
   * Writes every sealed chunk. While one segment is being written and fsync'ed (on the
   * {@code mlops-segment-io} thread), the chunks sealed meanwhile are encoded into the next one,
   * so encoding and the durable write overlap; segments are still written strictly in order, and
   * when this returns nothing is being written.
   */
  private boolean drain() {
    boolean wrote = false;
    PendingSegment writing = null;
    Future<?> put = null;
    while (true) {
      PendingSegment next = writing == segmentA ? segmentB : segmentA;
      boolean more = buffer.takeForWrite(next.chunks);
      if (more) {
        next.encode(buffer.keyNames(), scratch);
      }
      if (writing != null) {
        RuntimeException failure = await(put);
        if (failure != null) {
          LOG.warn("run {}: writing metric segment failed, retrying: {}", runId, failure.toString());
          consecutiveFailures++;
          if (more) {
            buffer.failed(next.chunks, failure); // goes back behind the failed one
          }
          buffer.failed(writing.chunks, failure);
          LockSupport.parkNanos(this, 200_000_000L);
          return wrote;
        }
        written(writing);
        wrote = true;
      }
      if (!more) {
        return wrote;
      }
      PendingSegment toWrite = next;
      put = io().submit(() -> put(toWrite));
      writing = next;
    }
  }

  /**
   * Waits for a store write to end and returns its failure, or null. Waits through interrupts:
   * only the write's real outcome may decide whether its points are written again.
   */
  private static @Nullable RuntimeException await(Future<?> put) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          put.get();
          return null;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException runtime) {
            return runtime;
          }
          throw new IllegalStateException("metric segment write failed", cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** On the io thread: claims the next free sequence number with the segment's bytes. */
  private void put(PendingSegment segment) {
    ByteSink bytes = segment.bytes;
    while (!store.putIfAbsent(RunKeys.segment(runId, nextSeq),
        new java.io.ByteArrayInputStream(bytes.array(), 0, bytes.size()))) {
      nextSeq++; // taken by an earlier incarnation of this run: take the next number
    }
    nextSeq++;
  }

  private void written(PendingSegment segment) {
    // The latest values first: buffer.written wakes flush(), which then publishes latest().
    synchronized (this) {
      for (int k = 0; k < segment.names.length; k++) {
        if (segment.present[k]) {
          latest.put(segment.names[k], segment.lastValues[k]);
          lastSteps.put(segment.names[k], segment.lastSteps[k]);
        }
      }
    }
    buffer.written(segment.chunks);
    consecutiveFailures = 0;
    segmentsWritten.increment();
    bytesWritten.increment(segment.bytes.size());
  }

  private ExecutorService io() {
    if (io == null) {
      io = Executors.newSingleThreadExecutor(ioThreads); // the owner's: it waits for it on close
    }
    return io;
  }

  private void beat() {
    byte[] body = Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8);
    try {
      var token = store.compareAndSet(RunKeys.heartbeat(runId), heartbeatToken, body);
      if (token.isEmpty()) {
        // The token without the body: a damaged heartbeat is overwritten, not an error.
        VersionToken current = store.stat(RunKeys.heartbeat(runId))
            .flatMap(ObjectInfo::token).orElse(VersionToken.ABSENT);
        token = store.compareAndSet(RunKeys.heartbeat(runId), current, body);
      }
      heartbeatToken = token.orElse(VersionToken.ABSENT);
    } catch (RuntimeException e) {
      LOG.warn("run {}: heartbeat failed: {}", runId, e.toString());
    }
  }
}
