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
  private static final int HEAD_BYTES = 64 * 1024;

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

  /** The preview points of one key across all segments, and how many points the key has. */
  record Preview(Columns columns, long totalCount) {}

  /**
   * Reads only the beginning of each segment (header and previews, usually a few kilobytes) and
   * returns the key's preview points in order.
   */
  static Preview preview(ObjectStore store, String runId, String key) {
    List<ObjectInfo> segments;
    try (Stream<ObjectInfo> list = store.list(RunKeys.segmentPrefix(runId))) {
      segments = list.collect(Collectors.toList());
    }
    List<SegmentCodec.Block> blocks = new ArrayList<>();
    long total = 0;
    int previewPoints = 0;
    for (ObjectInfo segment : segments) {
      byte[] head = readHead(store, segment);
      SegmentCodec.Header header = SegmentCodec.header(segment.key(), head, head.length);
      for (int k = 0; k < header.names().length; k++) {
        if (header.names()[k].equals(key)) {
          total += header.counts()[k];
        }
      }
      SegmentCodec.Block block = SegmentCodec.findPreview(segment.key(), head, header, key);
      if (block != null) {
        blocks.add(block);
        previewPoints += block.count();
      }
    }
    Columns columns = new Columns(new long[previewPoints], new long[previewPoints],
        new double[previewPoints]);
    int at = 0;
    for (SegmentCodec.Block block : blocks) {
      SegmentCodec.decode(block, columns.steps(), columns.times(), columns.values(), at);
      at += block.count();
    }
    return new Preview(columns, total);
  }

  /** Reads a segment up to the end of its previews (64 KiB first, more if the header says so). */
  private static byte[] readHead(ObjectStore store, ObjectInfo segment) {
    try (InputStream in = store.open(segment.key())) {
      byte[] head = in.readNBytes((int) Math.min(segment.size(), HEAD_BYTES));
      int needed;
      try {
        needed = SegmentCodec.header(segment.key(), head, head.length).blocksStart();
      } catch (dev.mlops.api.IntegrityException truncatedHeader) {
        needed = Integer.MAX_VALUE; // header longer than the first read: take it all
      }
      if (needed <= head.length) {
        return head;
      }
      byte[] rest = needed == Integer.MAX_VALUE ? in.readAllBytes()
          : in.readNBytes(needed - head.length);
      byte[] all = java.util.Arrays.copyOf(head, head.length + rest.length);
      System.arraycopy(rest, 0, all, head.length, rest.length);
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read metric segment " + segment.key(), e);
    }
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
