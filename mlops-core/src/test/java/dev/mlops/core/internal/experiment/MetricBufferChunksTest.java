package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.experiment.BackpressurePolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chunks are made as they are needed; DOWNSAMPLE halves only once all four exist and are full. */
class MetricBufferChunksTest {
  private static final int CHUNK = 256;

  private static MetricBuffer buffer(BackpressurePolicy policy) {
    return new MetricBuffer(4 * CHUNK, policy, Map.of(), () -> { },
        new SimpleMeterRegistry().counter("dropped"));
  }

  private static void log(MetricBuffer buffer, int points) {
    for (int i = 0; i < points; i++) {
      buffer.add("x", i, -1, 0);
    }
  }

  @Test
  void aRunLoggingFewPointsHoldsOneChunk() {
    MetricBuffer buffer = buffer(BackpressurePolicy.BLOCK);
    log(buffer, 10);
    assertEquals(1, buffer.allocatedChunks());
    // a flush seals the chunk; written and returned, it serves the next points again
    buffer.sealForFlush();
    List<MetricChunk> batch = new ArrayList<>();
    buffer.takeForWrite(batch);
    buffer.written(batch);
    log(buffer, 10);
    assertEquals(1, buffer.allocatedChunks());
  }

  @Test
  void aNewChunkIsMadeOnlyWhenTheOthersAreFullOrPending() {
    MetricBuffer buffer = buffer(BackpressurePolicy.BLOCK);
    log(buffer, CHUNK + 1); // the writer never runs: the first chunk stays pending
    assertEquals(2, buffer.allocatedChunks());
    log(buffer, 2 * CHUNK);
    assertEquals(4, buffer.allocatedChunks());
  }

  @Test
  void downsampleWaitsUntilEveryChunkIsFull() {
    MetricBuffer buffer = buffer(BackpressurePolicy.DOWNSAMPLE);
    log(buffer, 4 * CHUNK);
    assertEquals(0, buffer.dropped(), "room was left while fewer than four chunks existed");
    assertEquals(4, buffer.allocatedChunks());
    log(buffer, 1);
    // the full active chunk (256 points of one key) keeps every other point: 128 go
    assertEquals(CHUNK / 2, buffer.dropped());
  }
}
