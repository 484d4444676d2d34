package dev.mlops.spark;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

/**
 * Profiles a Spark {@code Dataset<Row>} where it lives: each partition is profiled on its executor
 * (sketches and exact statistics, a few kilobytes per column), and the driver merges the partitions'
 * results in partition order. The result is the same drift reference and table profile a single
 * JVM builds from the same rows: counts, nulls, min and max equal; mean and standard deviation equal
 * to rounding; quantile sketches within the sketch's rank error ({@link ReferenceProfile#rankError()},
 * about 1.3% at the default size). Most frequent values are counted exactly by aggregation.
 *
 * <pre>{@code
 * SparkProfile profile = SparkProfiler.profile(spark.read().parquet("s3a://bucket/day=2026-12-04"));
 * mlops.drift().saveProfile("requests-2026-12-04", profile.reference());
 * }</pre>
 *
 * <p>Stateless and thread-safe; each call runs Spark jobs: one pass over the data, plus one
 * aggregation per text or boolean column.
 */
public final class SparkProfiler {
  /** Rows an executor profiles at a time; its memory is about that many values per column. */
  public static final int DEFAULT_CHUNK_ROWS = 1 << 16;
  private static final int MAX_FREQUENT = 10;
  private static final URI SCRATCH = URI.create("mem:mlops-spark-profiling");

  private SparkProfiler() {}

  /**
   * Profiles a Dataset with sketches of the default size ({@value DriftDetector#DEFAULT_SKETCH_SIZE}).
   *
   * @param data the rows; integer, floating-point and decimal columns are numeric, string and
   *     boolean columns categorical, other columns are left out
   * @return the profile
   * @throws IllegalArgumentException if no column is of a profiled type, or none has a value
   */
  public static SparkProfile profile(Dataset<Row> data) {
    return profile(data, DriftDetector.DEFAULT_SKETCH_SIZE);
  }

  /**
   * Profiles a Dataset with KLL sketches of parameter k.
   *
   * @param data the rows
   * @param sketchSize k, from 8 to 65535
   * @return the profile
   * @throws IllegalArgumentException as for {@link #profile(Dataset)}, or if k is out of range
   */
  public static SparkProfile profile(Dataset<Row> data, int sketchSize) {
    requireNonNull(data, "data");
    if (sketchSize < 8 || sketchSize > 65_535) {
      throw new IllegalArgumentException("sketchSize must be in [8, 65535], got " + sketchSize);
    }
    List<StructField> fields = new ArrayList<>();
    for (StructField field : data.schema().fields()) {
      if (SparkColumns.kind(field.dataType()).isPresent()) {
        fields.add(field);
      }
    }
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("No column of the Dataset is numeric, string or boolean (schema: "
          + data.schema().simpleString() + "); cast the columns to profile to one of those types");
    }
    int columns = fields.size();
    String[] names = new String[columns];
    boolean[] numeric = new boolean[columns];
    for (int c = 0; c < columns; c++) {
      names[c] = fields.get(c).name();
      numeric[c] = SparkColumns.kind(fields.get(c).dataType()).orElseThrow() == ColumnType.NUMERIC;
    }
    Sketches merged = sketch(data, names, numeric, sketchSize);
    ColumnStats[] stats = merged.stats();
    ReferenceProfile[] sketches = merged.sketches();
    ReferenceProfile reference = null;
    Map<String, ColumnProfile> profiles = new LinkedHashMap<>();
    for (int c = 0; c < columns; c++) {
      List<ColumnProfile.FrequentItem> frequent = numeric[c] ? List.of() : frequentItems(data, names[c]);
      profiles.put(names[c], stats[c].toProfile(SparkColumns.arrowName(fields.get(c).dataType()), numeric[c],
          frequent));
      if (sketches[c] != null) {
        reference = reference == null ? sketches[c] : reference.join(sketches[c]);
      }
    }
    if (reference == null) {
      throw new IllegalArgumentException("No profiled column of the Dataset has a finite value (columns: "
          + List.of(names) + "); profile data with values");
    }
    long rows = stats[0].count + stats[0].nulls;
    return new SparkProfile(reference, profiles, rows);
  }

  /**
   * Per column: the merged exact statistics and the merged one-column sketch profile ({@code null}
   * for a column without a finite value, or with an infinite one).
   *
   * @param stats per column
   * @param sketches per column, or null
   */
  record Sketches(ColumnStats[] stats, ReferenceProfile[] sketches) {}

  /**
   * The one pass over the data: each partition profiled on its executor ({@link PartitionProfiler}),
   * the partitions' results merged on the driver in partition order, so the merge order (and its
   * rounding) follows the data's.
   *
   * @param data the rows
   * @param names the columns to profile
   * @param numeric per column: profiled as numbers (booleans as 1 and 0) or as categories (text,
   *     booleans as "true" and "false")
   * @param sketchSize the KLL parameter k
   * @return the merged statistics and sketches
   */
  static Sketches sketch(Dataset<Row> data, String[] names, boolean[] numeric, int sketchSize) {
    int columns = names.length;
    int[] positions = new int[columns];
    DataType[] types = new DataType[columns];
    for (int c = 0; c < columns; c++) {
      positions[c] = data.schema().fieldIndex(names[c]);
      types[c] = data.schema().fields()[positions[c]].dataType();
    }
    // Spark's internal rows, not javaRDD()'s Row objects: building a Row per row (boxing every value)
    // cost about as much as the sketches themselves.
    List<PartitionSummary> parts = data.queryExecution().toRdd().toJavaRDD()
        .mapPartitions(new PartitionProfiler(names, positions, numeric, types, sketchSize, DEFAULT_CHUNK_ROWS))
        .collect(); // in partition order

    ColumnStats[] stats = new ColumnStats[columns];
    ReferenceProfile[] sketches = new ReferenceProfile[columns];
    try (MlOps mlops = MlOps.builder().uri(SCRATCH).closeOnJvmExit(false).build()) {
      DriftDetector drift = mlops.drift();
      for (int c = 0; c < columns; c++) {
        stats[c] = new ColumnStats();
        for (PartitionSummary part : parts) {
          stats[c].merge(part.stats[c]);
        }
        if (stats[c].infinite) {
          continue; // a reference cannot hold infinities: no sketch, as in a dataset commit's profile
        }
        for (PartitionSummary part : parts) {
          byte[] bytes = part.sketches[c]; // null where the partition had no value of the column
          if (bytes != null) {
            ReferenceProfile sketch = drift.readProfile(bytes);
            sketches[c] = sketches[c] == null ? sketch : sketches[c].merge(sketch);
          }
        }
      }
    }
    return new Sketches(stats, sketches);
  }

  /** The most frequent non-null values of a column, counted exactly; ties by value, for a stable order. */
  private static List<ColumnProfile.FrequentItem> frequentItems(Dataset<Row> data, String name) {
    Column column = functions.col(quote(name));
    List<ColumnProfile.FrequentItem> items = new ArrayList<>();
    for (Row row : data.where(column.isNotNull()).groupBy(column).count()
        .orderBy(functions.desc("count"), functions.asc(quote(name))).limit(MAX_FREQUENT).collectAsList()) {
      items.add(new ColumnProfile.FrequentItem(SparkColumns.text(row.get(0)), row.getLong(1)));
    }
    return items;
  }

  /** A column name as Spark's parser reads it literally (dots and spaces included). */
  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
