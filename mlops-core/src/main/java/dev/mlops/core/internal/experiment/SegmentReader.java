package dev.mlops.core.internal.experiment;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads one metric of a run: lists its segments, reads each whole (sizes come from the listing,
 * so buffers are exact), keeps only the key's block, then decodes all blocks into columns
 * allocated once at their final size.
 */
final class SegmentReader {
  private SegmentReader() {}

  /** The points of one key, in columns of exactly the right length. */
  record Columns(long[] steps, long[] times, double[] values) {
    int size() {
      return steps.length;
    }
  }

  static Columns read(ObjectStore store, String runId, String key) {
    List<ObjectInfo> segments;
    try (Stream<ObjectInfo> list = store.list(RunKeys.segmentPrefix(runId))) {
      segments = list.collect(Collectors.toList());
    }
    List<SegmentCodec.Block> blocks = new ArrayList<>();
    long total = 0;
    for (ObjectInfo segment : segments) {
      byte[] bytes = readWhole(store, segment);
      SegmentCodec.Block block = SegmentCodec.find(segment.key(), bytes, key);
      if (block != null) {
        blocks.add(block);
        total += block.count();
      }
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("metric '" + key + "' of run " + runId + " has " + total
          + " points, more than one array holds; read it downsampled");
    }
    int n = (int) total;
    Columns columns = new Columns(new long[n], new long[n], new double[n]);
    int at = 0;
    for (SegmentCodec.Block block : blocks) {
      SegmentCodec.decode(block, columns.steps(), columns.times(), columns.values(), at);
      at += block.count();
    }
    return columns;
  }

  private static byte[] readWhole(ObjectStore store, ObjectInfo segment) {
    try (InputStream in = store.open(segment.key())) {
      byte[] bytes = in.readNBytes((int) segment.size());
      if (in.read() >= 0) { // replaced by a longer object since listed: take it whole
        return store.open(segment.key()).readAllBytes();
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read metric segment " + segment.key(), e);
    }
  }
}
