package dev.mlops.core.internal.experiment;

/** A fixed block of buffered points in primitive arrays; reused, never reallocated. */
final class MetricChunk {
  final int[] keys;
  final long[] steps;
  final long[] times;
  final double[] values;
  int size;
  /** Order in which the chunk was handed to the writer; flush() waits on it. */
  long seq;

  MetricChunk(int capacity) {
    keys = new int[capacity];
    steps = new long[capacity];
    times = new long[capacity];
    values = new double[capacity];
  }

  int capacity() {
    return keys.length;
  }

  boolean isFull() {
    return size == keys.length;
  }

  /**
   * Keeps every other point of each key (the first, third, ...) in place, preserving order, and
   * returns how many points were removed. Used by DOWNSAMPLE: each curve keeps its shape at half
   * the resolution.
   */
  int halve(int[] parityScratch, int keyCount) {
    java.util.Arrays.fill(parityScratch, 0, keyCount, 0);
    int kept = 0;
    for (int i = 0; i < size; i++) {
      int key = keys[i];
      if ((parityScratch[key]++ & 1) == 0) {
        keys[kept] = key;
        steps[kept] = steps[i];
        times[kept] = times[i];
        values[kept] = values[i];
        kept++;
      }
    }
    int removed = size - kept;
    size = kept;
    return removed;
  }
}
