package dev.mlops.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Rows the tests generate from a seed, as a Spark Dataset and as an Arrow table for the single-JVM
 * code: x (Gaussian doubles with nulls and NaN), n (longs), c (text with distinct frequencies and
 * nulls), b (booleans).
 */
final class TestData {
  static final StructType SCHEMA = new StructType()
      .add("x", DataTypes.DoubleType)
      .add("n", DataTypes.LongType)
      .add("c", DataTypes.StringType)
      .add("b", DataTypes.BooleanType);

  final Double[] x;
  final Long[] n;
  final String[] c;
  final Boolean[] b;

  TestData(int rows, double shift, long seed) {
    Random random = new Random(seed);
    x = new Double[rows];
    n = new Long[rows];
    c = new String[rows];
    b = new Boolean[rows];
    for (int i = 0; i < rows; i++) {
      int roll = random.nextInt(100);
      x[i] = roll == 0 ? null : roll == 1 ? Double.NaN : random.nextGaussian() * 3 + 10 + shift;
      n[i] = (long) random.nextInt(1_000);
      // Shares 50%, 30%, 15%, 4%, 1% null: distinct counts, so "most frequent first" has one order.
      double u = random.nextDouble() - shift / 20;
      c[i] = u < 0.5 ? "red" : u < 0.8 ? "green" : u < 0.95 ? "blue" : u < 0.99 ? "violet" : null;
      b[i] = random.nextDouble() < 0.3 + shift / 10;
    }
  }

  private TestData(Double[] x, Long[] n, String[] c, Boolean[] b) {
    this.x = x;
    this.n = n;
    this.c = c;
    this.b = b;
  }

  /** Rows [from, to). */
  TestData slice(int from, int to) {
    return new TestData(java.util.Arrays.copyOfRange(x, from, to), java.util.Arrays.copyOfRange(n, from, to),
        java.util.Arrays.copyOfRange(c, from, to), java.util.Arrays.copyOfRange(b, from, to));
  }

  int rows() {
    return x.length;
  }

  /** The rows as a Dataset of exactly {@code partitions} partitions, cut in row order. */
  Dataset<Row> dataset(SparkSession spark, int partitions) {
    List<Row> rows = new ArrayList<>(rows());
    for (int i = 0; i < rows(); i++) {
      rows.add(RowFactory.create(x[i], n[i], c[i], b[i]));
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(context.parallelize(rows, partitions), SCHEMA);
  }

  /** The rows as an Arrow table with the types a commit of the Spark output would have. */
  VectorSchemaRoot arrow(BufferAllocator allocator) {
    Float8Vector xs = new Float8Vector("x", allocator);
    BigIntVector ns = new BigIntVector("n", allocator);
    VarCharVector cs = new VarCharVector("c", allocator);
    BitVector bs = new BitVector("b", allocator);
    int rows = rows();
    xs.allocateNew(rows);
    ns.allocateNew(rows);
    cs.allocateNew(rows);
    bs.allocateNew(rows);
    for (int i = 0; i < rows; i++) {
      if (x[i] == null) {
        xs.setNull(i);
      } else {
        xs.set(i, x[i]);
      }
      ns.set(i, n[i]);
      if (c[i] == null) {
        cs.setNull(i);
      } else {
        cs.setSafe(i, c[i].getBytes(StandardCharsets.UTF_8));
      }
      bs.set(i, b[i] ? 1 : 0);
    }
    VectorSchemaRoot root = VectorSchemaRoot.of(xs, ns, cs, bs);
    root.setRowCount(rows);
    return root;
  }
}
