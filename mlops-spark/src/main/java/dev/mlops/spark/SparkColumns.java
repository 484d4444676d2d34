package dev.mlops.spark;

import dev.mlops.api.drift.ColumnType;
import java.util.Optional;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;

/**
 * Which Spark columns are profiled and how, following a dataset commit's table profile: integer,
 * floating-point and decimal columns are numeric; string and boolean columns categorical
 * ({@code "true"}/{@code "false"}); other types (dates, binary, nested) are left out.
 */
final class SparkColumns {
  private SparkColumns() {}

  /**
   * Returns how a column of a Spark type is profiled.
   *
   * @param type the column's Spark type
   * @return numeric or categorical, or empty for a type not profiled
   */
  static Optional<ColumnType> kind(DataType type) {
    if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType
        || type instanceof LongType || type instanceof FloatType || type instanceof DoubleType
        || type instanceof DecimalType) {
      return Optional.of(ColumnType.NUMERIC);
    }
    if (type instanceof StringType || type instanceof BooleanType) {
      return Optional.of(ColumnType.CATEGORICAL);
    }
    return Optional.empty();
  }

  /**
   * Names a Spark type as the Arrow type a dataset commit would store it as, the text a
   * {@link dev.mlops.api.dataset.ColumnProfile#type()} holds.
   */
  static String arrowName(DataType type) {
    ArrowType arrow;
    if (type instanceof ByteType) {
      arrow = new ArrowType.Int(8, true);
    } else if (type instanceof ShortType) {
      arrow = new ArrowType.Int(16, true);
    } else if (type instanceof IntegerType) {
      arrow = new ArrowType.Int(32, true);
    } else if (type instanceof LongType) {
      arrow = new ArrowType.Int(64, true);
    } else if (type instanceof FloatType) {
      arrow = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    } else if (type instanceof DoubleType) {
      arrow = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    } else if (type instanceof DecimalType decimal) {
      arrow = new ArrowType.Decimal(decimal.precision(), decimal.scale(), 128);
    } else if (type instanceof StringType) {
      arrow = ArrowType.Utf8.INSTANCE;
    } else if (type instanceof BooleanType) {
      arrow = ArrowType.Bool.INSTANCE;
    } else {
      return type.simpleString();
    }
    return arrow.toString();
  }

  /**
   * A non-null numeric cell of Spark's internal row as a double, as {@code Number.doubleValue()}
   * of the value a {@code Row} holds gives it (a decimal through {@link java.math.BigDecimal}), so
   * results are those of the rows; a boolean is 1 or 0.
   *
   * @param row the row
   * @param at the cell's position
   * @param type the column's type: numeric ({@link #kind}) or boolean
   * @return the value
   */
  static double number(InternalRow row, int at, DataType type) {
    if (type instanceof DoubleType) {
      return row.getDouble(at);
    }
    if (type instanceof LongType) {
      return row.getLong(at);
    }
    if (type instanceof IntegerType) {
      return row.getInt(at);
    }
    if (type instanceof FloatType) {
      return row.getFloat(at);
    }
    if (type instanceof ShortType) {
      return row.getShort(at);
    }
    if (type instanceof ByteType) {
      return row.getByte(at);
    }
    if (type instanceof BooleanType) {
      return row.getBoolean(at) ? 1 : 0;
    }
    DecimalType decimal = (DecimalType) type;
    return row.getDecimal(at, decimal.precision(), decimal.scale()).toJavaBigDecimal().doubleValue();
  }

  /** A non-null cell of a categorical column as text: booleans as {@code "true"}/{@code "false"}. */
  static String text(Object value) {
    return value instanceof Boolean b ? (b ? "true" : "false") : value.toString();
  }
}
