package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.experiment.BackpressurePolicy;
import dev.mlops.core.testing.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The buffer driven by hand in the role of the writer, so the interleavings that matter happen
 * every time instead of once in a long benchmark.
 */
class MetricBufferRaceTest {
  private static final int CHUNK = 256;
  private static final int POINTS = 20 * CHUNK;

  private final MetricBuffer buffer = new MetricBuffer(4 * CHUNK, BackpressurePolicy.BLOCK,
      Map.of(), () -> { }, new SimpleMeterRegistry().counter("dropped"));
  private long written;

  /** Plays the writer: takes every sealed chunk, counts its points and returns it. */
  private void writeAll() {
    List<MetricChunk> batch = new ArrayList<>();
    while (buffer.takeForWrite(batch)) {
      for (MetricChunk chunk : batch) {
        written += chunk.size;
      }
      buffer.written(batch);
    }
  }

  @Test
  void aPeriodicSealWhileTheLoggerWaitsForRoomLosesNoChunk() throws Exception {
    Thread logger = new Thread(() -> {
      for (int i = 0; i < POINTS; i++) {
        buffer.add("x", i, i, 0);
      }
    });
    logger.setDaemon(true);
    logger.start();
    long deadline = System.nanoTime() + Eventually.BOUND.toNanos(); // a hang guard, not a margin
    while (logger.isAlive() && System.nanoTime() < deadline) {
      if (logger.getState() != Thread.State.TIMED_WAITING) {
        Thread.sleep(1);
        continue; // still filling chunks
      }
      synchronized (buffer) { // the writer returns one chunk and its flush timer fires at once
        writeAll();
        buffer.sealSoon();
      }
      Thread.sleep(1);
    }
    assertFalse(logger.isAlive(), "the logger always found room again (no chunk was lost)");
    buffer.sealForFlush();
    writeAll();
    assertEquals(POINTS, written, "every point reached the writer once");
  }

  @Test
  void aFlushFromAnotherThreadReturnsWhileTheLoggerKeepsTheProducerLockBusy() throws Exception {
    Thread logger = new Thread(() -> {
      for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
        buffer.add("x", i, i, 0);
      }
    });
    Thread writer = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        List<MetricChunk> batch = new ArrayList<>();
        if (buffer.takeForWrite(batch)) {
          buffer.written(batch);
        } else {
          Thread.onSpinWait();
        }
      }
    });
    logger.setDaemon(true);
    writer.setDaemon(true);
    logger.start();
    writer.start();
    try {
      while (!buffer.hasUnsealedPoints()) {
        Thread.onSpinWait(); // the logger has started
      }
      long previous = 0;
      for (int i = 0; i < 20; i++) {
        long target = buffer.sealForFlush();
        assertTrue(target >= Math.max(1, previous), "the flush got a sealed chunk to wait for");
        buffer.awaitWritten(target);
        previous = target;
      }
    } finally {
      logger.interrupt();
      writer.interrupt();
    }
  }
}
