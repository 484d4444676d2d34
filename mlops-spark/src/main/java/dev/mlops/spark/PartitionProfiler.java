package dev.mlops.spark;

import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;

/**
 * Profiles one partition on an executor, in chunks of rows so memory stays that of one chunk: each
 * chunk's values of a column become a one-column sketch profile, merged into the partition's;
 * exact statistics are updated row by row. Runs with the SDK's own profile code (the same sketches
 * as a single-JVM profile), through an in-memory store that holds nothing.
 */
final class PartitionProfiler implements FlatMapFunction<Iterator<InternalRow>, PartitionSummary> {
  private static final long serialVersionUID = 1L;
  /** Where executors get a drift detector: profiling stores nothing, so no real store is needed. */
  private static final URI SCRATCH = URI.create("mem:mlops-spark-profiling");

  private final String[] names;
  private final int[] positions;
  private final boolean[] numeric;
  private final DataType[] types;
  private final int sketchSize;
  private final int chunkRows;

  PartitionProfiler(String[] names, int[] positions, boolean[] numeric, DataType[] types, int sketchSize,
      int chunkRows) {
    this.names = names;
    this.positions = positions;
    this.numeric = numeric;
    this.types = types;
    this.sketchSize = sketchSize;
    this.chunkRows = chunkRows;
  }

  @Override
  public Iterator<PartitionSummary> call(Iterator<InternalRow> rows) {
    int columns = names.length;
    ColumnStats[] stats = new ColumnStats[columns];
    ReferenceProfile[] sketches = new ReferenceProfile[columns];
    double[][] numbers = new double[columns][];
    String[][] texts = new String[columns][];
    int[] filled = new int[columns];
    for (int c = 0; c < columns; c++) {
      stats[c] = new ColumnStats();
      if (numeric[c]) {
        numbers[c] = new double[chunkRows];
      } else {
        texts[c] = new String[chunkRows];
      }
    }
    try (MlOps mlops = MlOps.builder().uri(SCRATCH).closeOnJvmExit(false).build()) {
      DriftDetector drift = mlops.drift();
      int inChunk = 0;
      while (rows.hasNext()) {
        InternalRow row = rows.next(); // Spark's own row, read in place: no Row object per row
        for (int c = 0; c < columns; c++) {
          int at = positions[c];
          if (row.isNullAt(at)) {
            stats[c].addNull();
          } else if (numeric[c]) {
            double v = SparkColumns.number(row, at, types[c]);
            stats[c].addNumber(v);
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
              numbers[c][filled[c]++] = v;
            }
          } else {
            stats[c].addText();
            texts[c][filled[c]++] = types[c] instanceof BooleanType ? (row.getBoolean(at) ? "true" : "false")
                : row.getUTF8String(at).toString();
          }
        }
        if (++inChunk == chunkRows) {
          flush(drift, sketches, numbers, texts, filled);
          inChunk = 0;
        }
      }
      flush(drift, sketches, numbers, texts, filled);
    }
    byte[][] bytes = new byte[columns][];
    for (int c = 0; c < columns; c++) {
      // A column with an infinite value gets no sketch, as in a dataset commit's profile.
      bytes[c] = sketches[c] == null || stats[c].infinite ? null : sketches[c].toBytes();
    }
    return List.of(new PartitionSummary(stats, bytes)).iterator();
  }

  private void flush(DriftDetector drift, ReferenceProfile[] sketches, double[][] numbers, String[][] texts,
      int[] filled) {
    for (int c = 0; c < names.length; c++) {
      if (filled[c] == 0) {
        continue;
      }
      Sample.Builder sample = Sample.builder();
      if (numeric[c]) {
        sample.numeric(names[c], Arrays.copyOf(numbers[c], filled[c]));
      } else {
        sample.categorical(names[c], Arrays.copyOf(texts[c], filled[c]));
      }
      ReferenceProfile chunk = drift.profile(sample.build(), sketchSize);
      sketches[c] = sketches[c] == null ? chunk : sketches[c].merge(chunk);
      filled[c] = 0;
    }
  }
}
