package dev.mlops.spark;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;

/**
 * Compares a Spark {@code Dataset<Row>} with a drift reference (a stored profile, or the profile a
 * dataset version stored with its table) by the SDK's own drift methods, so the result is the same
 * {@link DriftReport} a single JVM gives for the same rows: it can be logged to a run and fed to a
 * retrain policy. {@link dev.mlops.api.drift.ColumnDrift#exact()} says, as for any comparison with
 * a profile, whether the reference side was exact: {@code false} for numeric columns (a quantile
 * sketch), {@code true} for categorical ones whose categories the profile counted exactly.
 *
 * <p>What runs where: text and boolean columns are counted on the executors (an exact
 * {@code groupBy().count()}), so only one row per distinct value reaches the driver; numeric columns
 * are packed on the executors into one array per column and partition, and brought to the driver one
 * partition at a time ({@code toLocalIterator}) because the tests
 * (KS, Wasserstein, PSI...) are computed there on the exact current values: the driver needs 8 bytes
 * per numeric value compared. Stateless and thread-safe.
 *
 * <pre>{@code
 * DriftReport report = SparkDrift.compare(mlops, "training@v3", spark.table("requests_today"),
 *     DriftConfig.ofDefaults());
 * }</pre>
 */
public final class SparkDrift {
  private SparkDrift() {}

  /**
   * Compares a Dataset with the drift reference of a dataset version's only table.
   *
   * @param mlops the SDK, on the store that holds the version
   * @param version the version, such as {@code training@v3} (see {@link dev.mlops.api.dataset.DatasetStore})
   * @param current the current rows
   * @param config methods, thresholds and the dataset drift share
   * @return the report
   * @throws dev.mlops.api.NotFoundException if the version does not resolve or has not exactly one table
   * @throws IllegalArgumentException as for {@link #compare(DriftDetector, ReferenceProfile, Dataset, DriftConfig)}
   */
  public static DriftReport compare(MlOps mlops, String version, Dataset<Row> current, DriftConfig config) {
    requireNonNull(mlops, "mlops");
    return compare(mlops.drift(), mlops.datasets().profile(requireNonNull(version, "version")), current, config);
  }

  /**
   * Compares a Dataset with a reference profile (for example one {@link SparkProfiler} built and
   * {@link DriftDetector#saveProfile} stored).
   *
   * @param drift the drift detector ({@code mlops.drift()})
   * @param reference the reference profile
   * @param current the current rows; the columns it shares with the reference are compared
   * @param config methods, thresholds and the dataset drift share
   * @return the report
   * @throws IllegalArgumentException if the Dataset shares no column with the reference, a shared
   *     column is of a type the reference cannot be compared with, or a compared column has no value
   */
  public static DriftReport compare(DriftDetector drift, ReferenceProfile reference, Dataset<Row> current,
      DriftConfig config) {
    requireNonNull(drift, "drift");
    requireNonNull(reference, "reference");
    requireNonNull(current, "current");
    requireNonNull(config, "config");
    Set<String> present = Set.of(current.columns());
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    for (String column : config.columns().isEmpty() ? reference.columns() : config.columns()) {
      if (!present.contains(column) || reference.type(column).isEmpty()) {
        continue;
      }
      (reference.type(column).orElseThrow() == ColumnType.NUMERIC ? numeric : categorical).add(column);
    }
    if (numeric.isEmpty() && categorical.isEmpty()) {
      throw new IllegalArgumentException("The Dataset shares no column with the reference (reference: "
          + reference.columns() + ", Dataset: " + List.of(current.columns())
          + "); rename the Dataset's columns (withColumnRenamed) to the reference's");
    }
    Sample.Builder sample = Sample.builder();
    numericValues(current, numeric, sample);
    for (String column : categorical) {
      sample.categorical(column, categoryValues(current, column));
    }
    return drift.compare(reference, sample.build(), config);
  }

  /**
   * Brings the numeric columns to the driver, one partition at a time, each partition packed on its
   * executor into one array per column (8 bytes a value, no Row objects); null becomes NaN (missing).
   */
  private static void numericValues(Dataset<Row> current, List<String> columns, Sample.Builder sample) {
    if (columns.isEmpty()) {
      return;
    }
    Column[] selected = columns.stream().map(c -> functions.col(SparkProfiler.quote(c))).toArray(Column[]::new);
    Dataset<Row> numbers = current.select(selected);
    DataType[] types = new DataType[columns.size()];
    for (int c = 0; c < types.length; c++) {
      types[c] = numbers.schema().fields()[c].dataType();
      if (SparkColumns.kind(types[c]).orElse(null) != ColumnType.NUMERIC && !(types[c] instanceof BooleanType)) {
        throw new IllegalArgumentException("Column '" + columns.get(c) + "' is numeric in the reference but "
            + types[c].simpleString() + " in the Dataset; cast it to double first");
      }
    }
    // The partitions' arrays are kept as they come and copied once into exact-size columns, each
    // partition's column dropped once copied: the driver peaks at about one copy of the values.
    List<double[][]> parts = new ArrayList<>();
    long rows = 0;
    for (Iterator<double[][]> it = numbers.queryExecution().toRdd().toJavaRDD()
        .mapPartitions(new ColumnPacker(types)).toLocalIterator(); it.hasNext(); ) {
      double[][] part = it.next();
      parts.add(part);
      rows += part[0].length;
    }
    if (rows > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("The Dataset has " + rows + " rows, more than one comparison holds;"
          + " compare a sample of it (Dataset.sample)");
    }
    for (int c = 0; c < columns.size(); c++) {
      double[] column = new double[(int) rows];
      int at = 0;
      for (double[][] part : parts) {
        System.arraycopy(part[c], 0, column, at, part[c].length);
        at += part[c].length;
        part[c] = null;
      }
      sample.numeric(columns.get(c), column);
    }
  }

  /** Packs a partition's numeric cells into one array per column, on the executor. */
  private static final class ColumnPacker implements FlatMapFunction<Iterator<InternalRow>, double[][]> {
    private static final long serialVersionUID = 1L;
    private final DataType[] types;

    ColumnPacker(DataType[] types) {
      this.types = types;
    }

    @Override
    public Iterator<double[][]> call(Iterator<InternalRow> rows) {
      double[][] values = new double[types.length][1024];
      int n = 0;
      while (rows.hasNext()) {
        InternalRow row = rows.next();
        if (n == values[0].length) {
          for (int c = 0; c < values.length; c++) {
            values[c] = Arrays.copyOf(values[c], n * 2);
          }
        }
        for (int c = 0; c < values.length; c++) {
          values[c][n] = row.isNullAt(c) ? Double.NaN : SparkColumns.number(row, c, types[c]);
        }
        n++;
      }
      for (int c = 0; c < values.length; c++) {
        values[c] = Arrays.copyOf(values[c], n);
      }
      return List.<double[][]>of(values).iterator();
    }
  }

  /**
   * Counts a categorical column's values exactly on the executors; the driver gets one row per
   * distinct value and lays the values out again for the comparison, which reads only their counts.
   */
  private static String[] categoryValues(Dataset<Row> current, String column) {
    Column col = functions.col(SparkProfiler.quote(column));
    List<Row> counts = current.where(col.isNotNull()).groupBy(col).count().collectAsList();
    long total = 0;
    for (Row row : counts) {
      total += row.getLong(1);
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("Column '" + column + "' has " + total + " values, more than one"
          + " comparison holds; compare a sample of the Dataset (Dataset.sample)");
    }
    String[] values = new String[(int) total];
    int at = 0;
    for (Row row : counts) {
      String value = SparkColumns.text(row.get(0));
      int times = (int) row.getLong(1);
      Arrays.fill(values, at, at + times, value);
      at += times;
    }
    return values;
  }
}
