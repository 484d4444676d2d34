package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.mlops.api.experiment.BackpressurePolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The buffer driven by hand in the role of the writer, so the interleavings that matter happen
 * every time instead of once in a long benchmark.
 */
class MetricBufferRaceTest {
  private static final int CHUNK = 256;

  @Test
  void aLoggerWaitingForRoomUsesTheChunkThePeriodicSealMadeActive() throws Exception {
    MetricBuffer buffer = new MetricBuffer(4 * CHUNK, BackpressurePolicy.BLOCK, Map.of(),
        () -> { }, new SimpleMeterRegistry().counter("dropped"));
    Thread logger = new Thread(() -> {
      for (int i = 0; i < 5 * CHUNK; i++) {
        buffer.add("x", i, i, 0);
      }
    });
    logger.setDaemon(true);
    logger.start();
    while (!buffer.hasSealed() || logger.getState() != Thread.State.TIMED_WAITING) {
      Thread.sleep(5); // all four chunks filled: the logger waits for the writer
    }
    synchronized (buffer) { // the writer returns one chunk and its flush timer fires at once
      MetricChunk first = buffer.takeForWrite();
      assertNotNull(first);
      buffer.written(first);
      buffer.sealForFlush();
    }
    logger.join(5_000);
    assertFalse(logger.isAlive(), "the logger found room in the chunk made active for it");
    long written = CHUNK;
    MetricChunk chunk;
    while ((chunk = buffer.takeForWrite()) != null) {
      written += chunk.size;
      buffer.written(chunk);
    }
    buffer.sealForFlush();
    while ((chunk = buffer.takeForWrite()) != null) {
      written += chunk.size;
      buffer.written(chunk);
    }
    assertEquals(5 * CHUNK, written, "every point reached the writer once");
  }
}
