package dev.mlops.core.internal.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.format.Statistics;

/**
 * A column chunk's null count, minimum and maximum (and, for floating point, NaN count), as the
 * footer holds them (min_value and max_value in the column's type-defined order, which Parquet
 * readers use to skip row groups a filter rules out). Following the format's rules: NaN is never a bound (a chunk of only NaN and
 * nulls has none); a zero minimum is written as -0.0 and a zero maximum as +0.0; binary and
 * strings compare as unsigned bytes, decimals as signed numbers. Bounds longer than
 * {@link #MAX_BOUND_BYTES} are left out rather than truncated, so the footer stays small.
 */
final class ParquetStatistics {
  /** Longer binary bounds are left out (the chunk then has a null count but no min and max). */
  static final int MAX_BOUND_BYTES = 256;

  private final ParquetSchemaMapping.Kind kind;
  private long nulls;
  private long nans;
  private boolean any;
  private long minLong;
  private long maxLong;
  private double minDouble;
  private double maxDouble;
  private byte[] minBytes;
  private byte[] maxBytes;

  ParquetStatistics(ParquetSchemaMapping.Kind kind) {
    this.kind = kind;
  }

  void addNull() {
    nulls++;
  }

  void addLong(long v) {
    if (!any) {
      minLong = v;
      maxLong = v;
      any = true;
    } else if (v < minLong) {
      minLong = v;
    } else if (v > maxLong) {
      maxLong = v;
    }
  }

  void addDouble(double v) {
    if (Double.isNaN(v)) {
      nans++;
      return;
    }
    if (!any) {
      minDouble = v;
      maxDouble = v;
      any = true;
    } else if (v < minDouble) {
      minDouble = v;
    } else if (v > maxDouble) {
      maxDouble = v;
    }
  }

  /** The array is kept, not copied: callers pass a fresh one per value. */
  void addBytes(byte[] v) {
    if (!any) {
      minBytes = v;
      maxBytes = v;
      any = true;
    } else if (compare(v, minBytes) < 0) {
      minBytes = v;
    } else if (compare(v, maxBytes) > 0) {
      maxBytes = v;
    }
  }

  private int compare(byte[] a, byte[] b) {
    if (kind == ParquetSchemaMapping.Kind.DECIMAL && a[0] != b[0]) { // same width: the sign byte decides
      return Byte.compare(a[0], b[0]);
    }
    return Arrays.compareUnsigned(a, b);
  }

  Statistics toFormat() {
    Statistics s = new Statistics();
    s.setNull_count(nulls);
    if (kind == ParquetSchemaMapping.Kind.FLOAT || kind == ParquetSchemaMapping.Kind.DOUBLE) {
      s.setNan_count(nans); // without it, parquet-java cannot tell that no NaN hides beyond the bounds
    }
    if (!any) {
      return s;
    }
    byte[] min;
    byte[] max;
    switch (kind) {
      case BOOL -> {
        min = new byte[] {(byte) minLong};
        max = new byte[] {(byte) maxLong};
      }
      case INT32, DATE -> {
        min = little(4).putInt((int) minLong).array();
        max = little(4).putInt((int) maxLong).array();
      }
      case INT64, TIMESTAMP -> {
        min = little(8).putLong(minLong).array();
        max = little(8).putLong(maxLong).array();
      }
      // the format's rule for zeros: -0.0 and +0.0 compare equal, so either may be the other's bound
      case FLOAT -> {
        min = little(4).putFloat(minDouble == 0 ? -0.0f : (float) minDouble).array();
        max = little(4).putFloat(maxDouble == 0 ? 0.0f : (float) maxDouble).array();
      }
      case DOUBLE -> {
        min = little(8).putDouble(minDouble == 0 ? -0.0 : minDouble).array();
        max = little(8).putDouble(maxDouble == 0 ? 0.0 : maxDouble).array();
      }
      default -> {
        if (minBytes.length > MAX_BOUND_BYTES || maxBytes.length > MAX_BOUND_BYTES) {
          return s;
        }
        min = minBytes;
        max = maxBytes;
      }
    }
    s.setMin_value(min);
    s.setMax_value(max);
    return s;
  }

  private static ByteBuffer little(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
