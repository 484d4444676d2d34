package dev.mlops.api.registry;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * A dense tensor of one element type: the inputs and outputs of {@link ModelHandle}. Built from Java
 * arrays or Arrow vectors, read back as Java arrays. Immutable: arrays are copied in and out.
 */
public final class Tensor {
  /** The element types a tensor can hold (the ONNX names are in {@link TensorSpec#elementType()}). */
  public enum Type {
    /** 32-bit floats (ONNX {@code FLOAT}). */
    FLOAT,
    /** 64-bit floats (ONNX {@code DOUBLE}). */
    DOUBLE,
    /** 64-bit integers (ONNX {@code INT64}). */
    INT64,
    /** 32-bit integers (ONNX {@code INT32}). */
    INT32,
    /** Strings (ONNX {@code STRING}). */
    STRING
  }

  private final Type type;
  private final long[] shape;
  private final Object data;

  private Tensor(Type type, long[] shape, Object data, int length) {
    long count = 1;
    for (long dimension : shape) {
      if (dimension < 0) {
        throw new IllegalArgumentException("dimensions must not be negative, got " + Arrays.toString(shape));
      }
      count = Math.multiplyExact(count, dimension);
    }
    if (count != length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count
          + " elements but " + length + " were given");
    }
    this.type = type;
    this.shape = shape.clone();
    this.data = data;
  }

  /**
   * Returns a float tensor; with no shape given it is one-dimensional.
   *
   * @param data the elements in row-major order
   * @param shape the dimensions, whose product is {@code data.length}
   * @return the tensor
   */
  public static Tensor ofFloats(float[] data, long... shape) {
    return new Tensor(Type.FLOAT, shapeOr(shape, data.length), data.clone(), data.length);
  }

  /**
   * Returns a {@code [rows, columns]} float tensor.
   *
   * @param rows equally long rows
   * @return the tensor
   */
  public static Tensor ofFloats(float[][] rows) {
    int width = width(rows.length, rows.length == 0 ? 0 : rows[0].length);
    float[] flat = new float[Math.multiplyExact(rows.length, width)];
    for (int i = 0; i < rows.length; i++) {
      requireWidth(i, rows[i].length, width);
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return new Tensor(Type.FLOAT, new long[] {rows.length, width}, flat, flat.length);
  }

  /**
   * Returns a double tensor; with no shape given it is one-dimensional.
   *
   * @param data the elements in row-major order
   * @param shape the dimensions
   * @return the tensor
   */
  public static Tensor ofDoubles(double[] data, long... shape) {
    return new Tensor(Type.DOUBLE, shapeOr(shape, data.length), data.clone(), data.length);
  }

  /**
   * Returns a long (INT64) tensor; with no shape given it is one-dimensional.
   *
   * @param data the elements in row-major order
   * @param shape the dimensions
   * @return the tensor
   */
  public static Tensor ofLongs(long[] data, long... shape) {
    return new Tensor(Type.INT64, shapeOr(shape, data.length), data.clone(), data.length);
  }

  /**
   * Returns an int (INT32) tensor; with no shape given it is one-dimensional.
   *
   * @param data the elements in row-major order
   * @param shape the dimensions
   * @return the tensor
   */
  public static Tensor ofInts(int[] data, long... shape) {
    return new Tensor(Type.INT32, shapeOr(shape, data.length), data.clone(), data.length);
  }

  /**
   * Returns a string tensor; with no shape given it is one-dimensional.
   *
   * @param data the elements in row-major order, none null
   * @param shape the dimensions
   * @return the tensor
   */
  public static Tensor ofStrings(String[] data, long... shape) {
    String[] copy = data.clone();
    for (int i = 0; i < copy.length; i++) {
      requireNonNull(copy[i], "element " + i);
    }
    return new Tensor(Type.STRING, shapeOr(shape, copy.length), copy, copy.length);
  }

  /**
   * Returns a one-dimensional tensor from an Arrow vector: floating point vectors give
   * {@link Type#DOUBLE} (float4 gives {@link Type#FLOAT}), integer vectors {@link Type#INT64},
   * varchar vectors {@link Type#STRING}.
   *
   * @param vector the vector, without nulls
   * @return the tensor
   * @throws IllegalArgumentException for a null value or an unsupported vector type
   */
  public static Tensor fromArrow(ValueVector vector) {
    int n = vector.getValueCount();
    requireNoNulls(vector);
    if (vector instanceof org.apache.arrow.vector.Float4Vector floats) {
      float[] out = new float[n];
      for (int i = 0; i < n; i++) {
        out[i] = floats.get(i);
      }
      return new Tensor(Type.FLOAT, new long[] {n}, out, n);
    }
    if (vector instanceof FloatingPointVector floating) {
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = floating.getValueAsDouble(i);
      }
      return new Tensor(Type.DOUBLE, new long[] {n}, out, n);
    }
    if (vector instanceof BaseIntVector ints) {
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = ints.getValueAsLong(i);
      }
      return new Tensor(Type.INT64, new long[] {n}, out, n);
    }
    if (vector instanceof VarCharVector strings) {
      String[] out = new String[n];
      for (int i = 0; i < n; i++) {
        out[i] = new String(strings.get(i), java.nio.charset.StandardCharsets.UTF_8);
      }
      return new Tensor(Type.STRING, new long[] {n}, out, n);
    }
    throw new IllegalArgumentException("vector '" + vector.getName() + "' of type "
        + vector.getMinorType() + " is not supported; use a floating point, integer or varchar vector");
  }

  /**
   * Returns a {@code [rows, columns]} float tensor from numeric Arrow columns of equal length, the
   * usual input of a tabular model (one column per feature, in the model's feature order).
   *
   * @param columns floating point or integer vectors, without nulls
   * @return the tensor
   * @throws IllegalArgumentException for a null value, unequal lengths or a non-numeric column
   */
  public static Tensor fromArrowColumns(List<? extends ValueVector> columns) {
    int rows = columns.isEmpty() ? 0 : columns.get(0).getValueCount();
    int width = columns.size();
    float[] flat = new float[Math.multiplyExact(rows, width)];
    for (int c = 0; c < width; c++) {
      ValueVector column = columns.get(c);
      if (column.getValueCount() != rows) {
        throw new IllegalArgumentException("column '" + column.getName() + "' has " + column.getValueCount()
            + " values but the first column has " + rows);
      }
      requireNoNulls(column);
      for (int r = 0; r < rows; r++) {
        flat[r * width + c] = (float) numberAt(column, r);
      }
    }
    return new Tensor(Type.FLOAT, new long[] {rows, width}, flat, flat.length);
  }

  /**
   * Returns the element type.
   *
   * @return the type
   */
  public Type type() {
    return type;
  }

  /**
   * Returns the dimensions.
   *
   * @return a copy of the shape
   */
  public long[] shape() {
    return shape.clone();
  }

  /**
   * Returns the elements of a {@link Type#FLOAT} tensor in row-major order.
   *
   * @return a copy of the elements
   * @throws IllegalStateException if the tensor holds another type
   */
  public float[] floats() {
    return ((float[]) as(Type.FLOAT)).clone();
  }

  /**
   * Returns a {@link Type#FLOAT} tensor as rows: {@code [n, k]} gives n rows of k, a vector of n
   * gives n rows of 1.
   *
   * @return the rows
   * @throws IllegalStateException if the tensor holds another type or has more than 2 dimensions
   */
  public float[][] floatRows() {
    float[] flat = (float[]) as(Type.FLOAT);
    if (shape.length > 2) {
      throw new IllegalStateException("a tensor of shape " + Arrays.toString(shape) + " has no rows");
    }
    int n = shape.length == 0 ? 1 : Math.toIntExact(shape[0]);
    int k = shape.length == 2 ? Math.toIntExact(shape[1]) : 1;
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = Arrays.copyOfRange(flat, i * k, i * k + k);
    }
    return rows;
  }

  /**
   * Returns the elements of a {@link Type#DOUBLE} tensor.
   *
   * @return a copy of the elements
   * @throws IllegalStateException if the tensor holds another type
   */
  public double[] doubles() {
    return ((double[]) as(Type.DOUBLE)).clone();
  }

  /**
   * Returns the elements of a {@link Type#INT64} tensor.
   *
   * @return a copy of the elements
   * @throws IllegalStateException if the tensor holds another type
   */
  public long[] longs() {
    return ((long[]) as(Type.INT64)).clone();
  }

  /**
   * Returns the elements of a {@link Type#INT32} tensor.
   *
   * @return a copy of the elements
   * @throws IllegalStateException if the tensor holds another type
   */
  public int[] ints() {
    return ((int[]) as(Type.INT32)).clone();
  }

  /**
   * Returns the elements of a {@link Type#STRING} tensor.
   *
   * @return a copy of the elements
   * @throws IllegalStateException if the tensor holds another type
   */
  public String[] strings() {
    return ((String[]) as(Type.STRING)).clone();
  }

  /**
   * Returns the elements without copying, for the SDK's own conversions. Callers must not modify
   * the array.
   *
   * @return the backing array ({@code float[]}, {@code double[]}, {@code long[]}, {@code int[]} or
   *     {@code String[]})
   */
  public Object unsafeData() {
    return data;
  }

  @Override
  public String toString() {
    return "Tensor[" + type + " " + Arrays.toString(shape) + "]";
  }

  private Object as(Type wanted) {
    if (type != wanted) {
      throw new IllegalStateException("this tensor holds " + type + ", not " + wanted);
    }
    return data;
  }

  private static long[] shapeOr(long[] shape, int length) {
    return shape.length == 0 ? new long[] {length} : shape;
  }

  private static int width(int rows, int first) {
    return rows == 0 ? 0 : first;
  }

  private static void requireWidth(int row, int length, int width) {
    if (length != width) {
      throw new IllegalArgumentException("row " + row + " has " + length + " values, row 0 has " + width);
    }
  }

  private static void requireNoNulls(ValueVector vector) {
    if (vector.getNullCount() > 0) {
      throw new IllegalArgumentException("vector '" + vector.getName() + "' has " + vector.getNullCount()
          + " null values; fill or drop them before predicting");
    }
  }

  private static double numberAt(ValueVector column, int row) {
    if (column instanceof FloatingPointVector floating) {
      return floating.getValueAsDouble(row);
    }
    if (column instanceof BaseIntVector ints) {
      return ints.getValueAsLong(row);
    }
    throw new IllegalArgumentException("column '" + column.getName() + "' of type " + column.getMinorType()
        + " is not numeric");
  }
}
