package dev.mlops.core.internal.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * One encoded segment on its way to the store: its bytes, the chunks it came from (still pending
 * in the buffer until the write succeeds) and each key's last point. The writer keeps two, so it
 * can encode one while the other is being written and fsync'ed.
 */
final class PendingSegment {
  final List<MetricChunk> chunks = new ArrayList<>();
  final ByteSink bytes = new ByteSink(1 << 16);
  String[] names = new String[0];
  boolean[] present = new boolean[0];
  long[] lastSteps = new long[0];
  double[] lastValues = new double[0];

  /** Encodes {@link #chunks} into {@link #bytes} and remembers each key's last point. */
  void encode(String[] keyNames, SegmentCodec.Scratch scratch) {
    names = keyNames;
    int keys = keyNames.length;
    SegmentCodec.encode(chunks, keyNames, keys, bytes, scratch);
    if (present.length < keys) {
      present = new boolean[keys * 2];
      lastSteps = new long[keys * 2];
      lastValues = new double[keys * 2];
    }
    java.util.Arrays.fill(present, false);
    scratch.forEachLast((k, step, value) -> {
      present[k] = true;
      lastSteps[k] = step;
      lastValues[k] = value;
    });
  }
}
