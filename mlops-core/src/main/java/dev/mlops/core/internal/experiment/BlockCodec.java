package dev.mlops.core.internal.experiment;

import dev.mlops.api.IntegrityException;

/**
 * How one key's points are laid out inside a metric segment (a block): three columns, each
 * encoded on its own. Version 3, written since segments are "MSG3":
 *
 * <pre>
 * steps   runs of equal deltas: zigzag varint delta, varint (run length - 1); the first delta
 *         counts from 0
 * times   the same, epoch milliseconds
 * values  per point, its raw IEEE 754 bits XOR the previous point's (the first's XOR 0): one
 *         byte (leading zero bytes &lt;&lt; 4 | trailing zero bytes), then the bytes in between,
 *         little-endian; an unchanged value is the single byte 0x80
 * </pre>
 *
 * Steps nearly always grow by a constant and timestamps repeat while a loop logs faster than
 * the clock ticks, so both columns shrink to a few bytes per block; neighbouring values of one
 * curve share sign, exponent and leading mantissa bits. Version 2 ("MSG2", read only): one
 * zigzag varint delta per step and per time, 8 raw bytes per value.
 */
final class BlockCodec {
  static final int VERSION = 3;

  private BlockCodec() {}

  /** Writes {@code column[from..to)} as runs of equal deltas. */
  static void writeRuns(long[] column, int from, int to, ByteSink out) {
    out.reserve(20 * (to - from)); // at worst a run per point: two varints of 10 bytes
    long prev = 0;
    long runDelta = 0;
    long runLength = 0;
    for (int j = from; j < to; j++) {
      long delta = column[j] - prev;
      prev = column[j];
      if (delta == runDelta && runLength > 0) {
        runLength++;
      } else {
        writeRun(runDelta, runLength, out);
        runDelta = delta;
        runLength = 1;
      }
    }
    writeRun(runDelta, runLength, out);
  }

  /** Writes one run of {@code length} equal deltas; nothing for an empty one. */
  private static void writeRun(long delta, long length, ByteSink out) {
    if (length > 0) {
      out.varintReserved(zigzag(delta));
      out.varintReserved(length - 1);
    }
  }

  /** Writes {@code values[from..to)} as each point's bits XOR the previous point's. */
  static void writeValues(double[] values, int from, int to, ByteSink out) {
    out.reserve(9 * (to - from));
    long prev = 0;
    for (int j = from; j < to; j++) {
      long bits = Double.doubleToRawLongBits(values[j]);
      out.trimmedReserved(bits ^ prev);
      prev = bits;
    }
  }

  /**
   * Decodes {@code count} points of a block of {@code version} into the columns from index
   * {@code at}.
   */
  static void decode(int version, ByteSource in, int count, long[] steps, long[] times,
      double[] values, int at) {
    if (version == 2) {
      readDeltas(in, count, steps, at);
      readDeltas(in, count, times, at);
      in.doubles(values, at, count);
      return;
    }
    readRuns(in, count, steps, at);
    readRuns(in, count, times, at);
    long prev = 0;
    for (int j = 0; j < count; j++) {
      prev ^= in.trimmed();
      values[at + j] = Double.longBitsToDouble(prev);
    }
  }

  private static void readRuns(ByteSource in, int count, long[] into, int at) {
    long prev = 0;
    int filled = 0;
    while (filled < count) {
      long delta = unzigzag(in.varint());
      long runLength = in.varint() + 1;
      if (runLength < 1 || runLength > count - filled) {
        throw new IntegrityException("a metric segment holds a run longer than its block");
      }
      for (int end = filled + (int) runLength; filled < end; filled++) {
        prev += delta;
        into[at + filled] = prev;
      }
    }
  }

  private static void readDeltas(ByteSource in, int count, long[] into, int at) {
    long prev = 0;
    for (int j = 0; j < count; j++) {
      prev += unzigzag(in.varint());
      into[at + j] = prev;
    }
  }

  /** Maps signed to unsigned so that small magnitudes of either sign make short varints. */
  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }
}
