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
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 * dataset version stored with its table) by the SDK's own drift methods; the result is the same
 * {@link DriftReport} type the rest of the SDK uses, so it can be logged to a run and fed to a
 * retrain policy.
 *
 * <p>Two ways, one per scale:
 * <ul>
 *   <li>{@link #compare(DriftDetector, ReferenceProfile, Dataset, DriftConfig) compare}, the default:
 *   the current rows are profiled where they live, as {@link SparkProfiler} does (each partition's
 *   sketches on its executor, merged on the driver), and the driver compares the two profiles
 *   ({@link DriftDetector#compare(ReferenceProfile, ReferenceProfile, DriftConfig)}). No row leaves
 *   the executors; the driver receives a few kilobytes per numeric column and partition, whatever
 *   the size of the data, and one row per category of a categorical column. Numeric results are
 *   within the two sketches' rank errors of the raw ones (see {@code docs/spark.md}), so
 *   {@link dev.mlops.api.drift.ColumnDrift#exact()} is {@code false} for them. Categorical columns
 *   are counted exactly by one Spark aggregation ({@code groupBy().count()}), however many
 *   categories: their results are the raw rows' ones, exact where the reference's counts are.</li>
 *   <li>{@link #compareCollected}: the numeric values come to the driver (8 bytes each) and are
 *   compared as a raw current sample, exactly as {@link DriftDetector#compare(ReferenceProfile,
 *   dev.mlops.api.drift.Sample, DriftConfig)} compares them in one JVM (exact KS p-values for small
 *   samples included). For a current Dataset that fits in the driver's memory.</li>
 * </ul>
 * Stateless and thread-safe.
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
   * @see #compare(DriftDetector, ReferenceProfile, Dataset, DriftConfig)
   */
  public static DriftReport compare(MlOps mlops, String version, Dataset<Row> current, DriftConfig config) {
    requireNonNull(mlops, "mlops");
    return compare(mlops.drift(), mlops.datasets().profile(requireNonNull(version, "version")), current, config);
  }

  /**
   * Compares a Dataset with a reference profile (for example one {@link SparkProfiler} built and
   * {@link DriftDetector#saveProfile} stored), from sketches of the current numeric columns built on
   * the executors with the reference's {@link ReferenceProfile#sketchSize()} and exact counts of its
   * categorical columns ({@link DriftDetector#categoricalProfile}): two Spark jobs, one pass over
   * the rows and one aggregation.
   *
   * @param drift the drift detector ({@code mlops.drift()})
   * @param reference the reference profile
   * @param current the current rows; the columns it shares with the reference are compared
   * @param config methods, thresholds and the dataset drift share
   * @return the report
   * @throws IllegalArgumentException if the Dataset shares no column with the reference, a shared
   *     column is of a type the reference cannot be compared with, or a compared column has no
   *     value or an infinite one
   */
  public static DriftReport compare(DriftDetector drift, ReferenceProfile reference, Dataset<Row> current,
      DriftConfig config) {
    requireNonNull(drift, "drift");
    requireNonNull(config, "config");
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    for (String column : comparedColumns(reference, current, config)) {
      boolean isNumeric = reference.type(column).orElseThrow() == ColumnType.NUMERIC;
      requireComparable(column, isNumeric, current.schema().apply(column).dataType());
      (isNumeric ? numeric : categorical).add(column);
    }
    ReferenceProfile profile = null;
    if (!numeric.isEmpty()) {
      String[] names = numeric.toArray(String[]::new);
      boolean[] allNumeric = new boolean[names.length];
      Arrays.fill(allNumeric, true);
      SparkProfiler.Sketches sketches = SparkProfiler.sketch(current, names, allNumeric, reference.sketchSize());
      for (int c = 0; c < names.length; c++) {
        if (sketches.stats()[c].infinite) {
          throw new IllegalArgumentException("Column '" + names[c] + "' has an infinite value in the Dataset;"
              + " replace it with null or NaN (missing) or a finite number");
        }
        if (sketches.sketches()[c] == null) {
          throw noValue(names[c]);
        }
        profile = profile == null ? sketches.sketches()[c] : profile.join(sketches.sketches()[c]);
      }
    }
    List<Map<String, Long>> counts = categoryCounts(current, categorical);
    for (int c = 0; c < categorical.size(); c++) {
      if (counts.get(c).isEmpty()) {
        throw noValue(categorical.get(c));
      }
      ReferenceProfile column = drift.categoricalProfile(categorical.get(c), counts.get(c));
      profile = profile == null ? column : profile.join(column);
    }
    return drift.compare(reference, profile, config);
  }

  /**
   * Compares a Dataset with a reference profile on the driver: the numeric values are brought there
   * (8 bytes each; each partition packed into one array per column on its executor) and compared
   * as a raw current sample, so the report is the one {@link DriftDetector#compare(ReferenceProfile,
   * dev.mlops.api.drift.Sample, DriftConfig)} gives for the same rows. Categorical columns are
   * counted exactly on the executors ({@code groupBy().count()}). Use it for current data that fits
   * in the driver's memory; {@link #compare(DriftDetector, ReferenceProfile, Dataset, DriftConfig)}
   * otherwise.
   *
   * @param drift the drift detector ({@code mlops.drift()})
   * @param reference the reference profile
   * @param current the current rows; the columns it shares with the reference are compared
   * @param config methods, thresholds and the dataset drift share
   * @return the report
   * @throws IllegalArgumentException as for {@link #compare(DriftDetector, ReferenceProfile, Dataset,
   *     DriftConfig)}, or if a column has more values than one array holds
   */
  public static DriftReport compareCollected(DriftDetector drift, ReferenceProfile reference, Dataset<Row> current,
      DriftConfig config) {
    requireNonNull(drift, "drift");
    requireNonNull(config, "config");
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    for (String column : comparedColumns(reference, current, config)) {
      (reference.type(column).orElseThrow() == ColumnType.NUMERIC ? numeric : categorical).add(column);
    }
    Sample.Builder sample = Sample.builder();
    numericValues(current, numeric, sample);
    for (String column : categorical) {
      sample.categorical(column, categoryValues(current, column));
    }
    return drift.compare(reference, sample.build(), config);
  }

  private static IllegalArgumentException noValue(String column) {
    return new IllegalArgumentException("Column '" + column + "' has no value in the Dataset (all null or"
        + " NaN); leave it out with DriftConfig.builder().columns(...)");
  }

  /**
   * Counts every categorical column's values exactly in one Spark aggregation: each row becomes one
   * (column, value) pair per column, and {@code groupBy().count()} sums the pairs (partially on
   * each executor first), so the driver receives one row per column and category, never the rows.
   * Booleans are counted as {@code "true"} and {@code "false"}, as in a profile.
   *
   * @return per column, in order, the count per category (empty for a column without a value)
   */
  private static List<Map<String, Long>> categoryCounts(Dataset<Row> current, List<String> columns) {
    List<Map<String, Long>> counts = new ArrayList<>();
    if (columns.isEmpty()) {
      return counts;
    }
    Column[] pairs = new Column[columns.size()];
    for (int c = 0; c < pairs.length; c++) {
      counts.add(new HashMap<>());
      pairs[c] = functions.struct(functions.lit(c).as("column"),
          functions.col(SparkProfiler.quote(columns.get(c))).cast("string").as("value"));
    }
    Dataset<Row> cells = current.select(functions.explode(functions.array(pairs)).as("cell"))
        .select("cell.column", "cell.value").where(functions.col("value").isNotNull());
    for (Row row : cells.groupBy("column", "value").count().collectAsList()) {
      counts.get(row.getInt(0)).put(row.getString(1), row.getLong(2));
    }
    return counts;
  }

  /** The configured columns (default: the reference's) that the Dataset has; at least one. */
  private static List<String> comparedColumns(ReferenceProfile reference, Dataset<Row> current, DriftConfig config) {
    requireNonNull(reference, "reference");
    requireNonNull(current, "current");
    Set<String> present = Set.of(current.columns());
    List<String> columns = new ArrayList<>();
    for (String column : config.columns().isEmpty() ? reference.columns() : config.columns()) {
      if (present.contains(column) && reference.type(column).isPresent()) {
        columns.add(column);
      }
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("The Dataset shares no column with the reference (reference: "
          + reference.columns() + ", Dataset: " + List.of(current.columns())
          + "); rename the Dataset's columns (withColumnRenamed) to the reference's");
    }
    return columns;
  }

  /** Numbers (booleans as 1 and 0) for a numeric reference column; text or booleans for a categorical one. */
  private static void requireComparable(String column, boolean numeric, DataType type) {
    ColumnType kind = SparkColumns.kind(type).orElse(null); // booleans are categorical here
    if (numeric && kind != ColumnType.NUMERIC && !(type instanceof BooleanType)) {
      throw new IllegalArgumentException("Column '" + column + "' is numeric in the reference but "
          + type.simpleString() + " in the Dataset; cast it to double first");
    }
    if (!numeric && kind != ColumnType.CATEGORICAL) {
      throw new IllegalArgumentException("Column '" + column + "' is categorical in the reference but "
          + type.simpleString() + " in the Dataset; cast it to string first");
    }
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
