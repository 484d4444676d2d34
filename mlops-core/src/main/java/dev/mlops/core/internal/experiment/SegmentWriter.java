package dev.mlops.core.internal.experiment;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background side of one live run: writes sealed chunks as segments (seq claimed by
 * putIfAbsent), seals the active chunk every flush interval, and rewrites the heartbeat. Runs as
 * one long task on the SDK's executor until the run is closed and drained.
 */
final class SegmentWriter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentWriter.class);

  private final String runId;
  private final ObjectStore store;
  private final MetricBuffer buffer;
  private final TrackerSettings settings;
  private final Counter segmentsWritten;
  private final Counter bytesWritten;
  private final ByteSink sink = new ByteSink(1 << 16);
  private final Map<String, Double> latest = new TreeMap<>();
  private final Map<String, Long> lastSteps = new TreeMap<>();
  private final SegmentCodec.Scratch scratch = new SegmentCodec.Scratch();
  private final List<MetricChunk> batch = new ArrayList<>();
  private long nextSeq;
  private VersionToken heartbeatToken = VersionToken.ABSENT;
  private static final int MAX_FAILURES_WHEN_STOPPING = 5;
  private static final long SEAL_RETRY_NANOS = 100_000L;

  private int consecutiveFailures;
  private volatile boolean stopping;
  private volatile Thread thread;
  private volatile boolean done;

  SegmentWriter(String runId, ObjectStore store, MetricBuffer buffer, TrackerSettings settings,
      long firstSeq, Counter segmentsWritten, Counter bytesWritten) {
    this.runId = runId;
    this.store = store;
    this.buffer = buffer;
    this.settings = settings;
    this.nextSeq = firstSeq;
    this.segmentsWritten = segmentsWritten;
    this.bytesWritten = bytesWritten;
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

  private boolean drain() {
    boolean wrote = false;
    while (buffer.takeForWrite(batch)) {
      try {
        write(batch);
        buffer.written(batch);
        consecutiveFailures = 0;
        wrote = true;
      } catch (RuntimeException e) {
        LOG.warn("run {}: writing metric segment failed, retrying: {}", runId, e.toString());
        consecutiveFailures++;
        buffer.failed(batch, e);
        LockSupport.parkNanos(this, 200_000_000L);
        return wrote;
      }
    }
    return wrote;
  }

  private void write(List<MetricChunk> chunks) {
    String[] names = buffer.keyNames();
    int keyCount = names.length;
    SegmentCodec.encode(chunks, names, keyCount, sink, scratch);
    while (!store.putIfAbsent(RunKeys.segment(runId, nextSeq),
        new java.io.ByteArrayInputStream(sink.array(), 0, sink.size()))) {
      nextSeq++; // taken by an earlier incarnation of this run: take the next number
    }
    nextSeq++;
    segmentsWritten.increment();
    bytesWritten.increment(sink.size());
    synchronized (this) {
      scratch.forEachLast((k, step, value) -> {
        latest.put(names[k], value);
        lastSteps.put(names[k], step);
      });
    }
  }

  private void beat() {
    byte[] body = Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8);
    try {
      var token = store.compareAndSet(RunKeys.heartbeat(runId), heartbeatToken, body);
      if (token.isEmpty()) {
        VersionToken current = store.get(RunKeys.heartbeat(runId))
            .map(StoredBytes::token).orElse(VersionToken.ABSENT);
        token = store.compareAndSet(RunKeys.heartbeat(runId), current, body);
      }
      heartbeatToken = token.orElse(VersionToken.ABSENT);
    } catch (RuntimeException e) {
      LOG.warn("run {}: heartbeat failed: {}", runId, e.toString());
    }
  }
}
