package dev.mlops.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds small ONNX classifiers for tests, written byte by byte in the protobuf wire format (field
 * numbers from onnx.proto: ModelProto ir_version=1, graph=7, opset_import=8; GraphProto node=1,
 * name=2, initializer=5, input=11, output=12; NodeProto input=1, output=2, name=3, op_type=4,
 * attribute=5; AttributeProto name=1, i=3, ints=8, type=20; TensorProto dims=1, data_type=2, name=8,
 * raw_data=9; ValueInfoProto name=1, type=2; TypeProto tensor_type=1; TypeProto.Tensor elem_type=1,
 * shape=2; TensorShapeProto dim=1; Dimension dim_value=1, dim_param=2). Nothing is downloaded.
 *
 * <p>The logistic regression is {@code probabilities = softmax(features x weights + bias)} with
 * input {@code features} FLOAT {@code [N, d]} and output {@code probabilities} FLOAT {@code [N, k]}.
 */
public final class OnnxTestModels {
  /** The input's name. */
  public static final String INPUT = "features";
  /** The output's name. */
  public static final String OUTPUT = "probabilities";

  private static final int FLOAT = 1;
  private static final int INT64 = 7;
  private static final int ATTRIBUTE_INT = 2;
  private static final int ATTRIBUTE_INTS = 7;

  private OnnxTestModels() {}

  /**
   * A multinomial logistic regression.
   *
   * @param weights {@code [d][k]}: features by classes
   * @param bias {@code [k]}
   * @return the ONNX model's bytes
   */
  public static byte[] logisticRegression(float[][] weights, float[] bias) {
    return logisticRegression(weights, bias, 0);
  }

  /**
   * A logistic regression made deliberately slow: the features first pass through {@code extraSteps}
   * multiplications by a {@code [d, d]} identity matrix (same result, more work).
   *
   * @param weights {@code [d][k]}
   * @param bias {@code [k]}
   * @param extraSteps identity multiplications before the regression
   * @return the ONNX model's bytes
   */
  public static byte[] logisticRegression(float[][] weights, float[] bias, int extraSteps) {
    return build(weights, bias, extraSteps, extraSteps > 0);
  }

  /**
   * A logistic regression that also carries an initializer no node uses: ONNX Runtime warns about
   * it on its own log when it loads the model (a test that its output stays off stderr needs it).
   *
   * @param weights {@code [d][k]}
   * @param bias {@code [k]}
   * @return the ONNX model's bytes
   */
  public static byte[] logisticRegressionWithUnusedInitializer(float[][] weights, float[] bias) {
    return build(weights, bias, 0, true);
  }

  /**
   * A logistic regression that first builds a scratch tensor of {@code [1, d, scratchPerFeature]}
   * floats on every call, whatever the batch size: the column maxima of the batch
   * ({@code ReduceMax} over rows), each repeated {@code scratchPerFeature} times ({@code Expand}),
   * reduced again ({@code ReduceMax}), multiplied by zero and added to the features. Same answers
   * as {@link #logisticRegression(float[][], float[])} for finite features; ONNX Runtime needs
   * {@code 4 * d * scratchPerFeature} bytes more native memory to run it.
   *
   * @param weights {@code [d][k]}
   * @param bias {@code [k]}
   * @param scratchPerFeature copies of each feature in the scratch tensor
   * @return the ONNX model's bytes
   */
  public static byte[] logisticRegressionWithScratch(float[][] weights, float[] bias,
      long scratchPerFeature) {
    int d = weights.length;
    Proto graph = new Proto();
    graph.message(1, node("ReduceMax", "column_max", new String[] {INPUT}, "column_max",
        ints("axes", 0)));
    graph.message(1, node("Unsqueeze", "unsqueeze", new String[] {"column_max", "axis2"}, "column_max3"));
    graph.message(1, node("Expand", "expand", new String[] {"column_max3", "scratch_shape"}, "scratch"));
    graph.message(1, node("ReduceMax", "scratch_max", new String[] {"scratch"}, "scratch_max",
        ints("axes", 2), new Proto().string(1, "keepdims").varint(3, 0).varint(20, ATTRIBUTE_INT)));
    graph.message(1, node("Mul", "zero_out", new String[] {"scratch_max", "zero"}, "zeros"));
    graph.message(1, node("Add", "plus_zeros", new String[] {INPUT, "zeros"}, "features_again"));
    regression(graph, weights, bias, "features_again");
    graph.message(5, int64Tensor("axis2", new long[] {2}, 1));
    graph.message(5, int64Tensor("scratch_shape", new long[] {1, d, scratchPerFeature}, 3));
    graph.message(5, tensor("zero", new float[] {0f}));
    graph.message(11, valueInfo(INPUT, d));
    graph.message(12, valueInfo(OUTPUT, bias.length));
    return model(graph);
  }

  private static byte[] build(float[][] weights, float[] bias, int extraSteps, boolean withIdentity) {
    int d = weights.length;
    float[] identity = new float[d * d];
    for (int i = 0; i < d; i++) {
      identity[i * d + i] = 1f;
    }
    Proto graph = new Proto();
    String x = INPUT;
    for (int step = 0; step < extraSteps; step++) {
      String next = "slow" + step;
      graph.message(1, node("MatMul", "slow_node" + step, new String[] {x, "identity"}, next));
      x = next;
    }
    regression(graph, weights, bias, x);
    if (withIdentity) {
      graph.message(5, tensor("identity", identity, d, d));
    }
    graph.message(11, valueInfo(INPUT, d));
    graph.message(12, valueInfo(OUTPUT, bias.length));
    return model(graph);
  }

  /** Adds {@code softmax(x weights + bias)} as the output, with its nodes and initializers. */
  private static void regression(Proto graph, float[][] weights, float[] bias, String x) {
    int d = weights.length;
    int k = bias.length;
    float[] flat = new float[d * k];
    for (int i = 0; i < d; i++) {
      System.arraycopy(weights[i], 0, flat, i * k, k);
    }
    graph.message(1, node("MatMul", "matmul", new String[] {x, "weights"}, "logits0"));
    graph.message(1, node("Add", "add", new String[] {"logits0", "bias"}, "logits"));
    graph.message(1, node("Softmax", "softmax", new String[] {"logits"}, OUTPUT, new Proto()
        .string(1, "axis").varint(3, 1).varint(20, ATTRIBUTE_INT)));
    graph.string(2, "logistic_regression");
    graph.message(5, tensor("weights", flat, d, k));
    graph.message(5, tensor("bias", bias, k));
  }

  private static byte[] model(Proto graph) {
    return new Proto()
        .varint(1, 8)
        .string(2, "mlops-tests")
        .message(7, graph)
        .message(8, new Proto().string(1, "").varint(2, 13))
        .bytes();
  }

  /**
   * Writes a model to a file.
   *
   * @param model the bytes
   * @param file where
   * @return the file
   */
  public static Path write(byte[] model, Path file) {
    try {
      return Files.write(file, model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The reference result of {@link #logisticRegression}, computed in plain Java.
   *
   * @param weights {@code [d][k]}
   * @param bias {@code [k]}
   * @param row one example
   * @return its class probabilities
   */
  public static float[] expected(float[][] weights, float[] bias, float[] row) {
    int k = bias.length;
    double[] logits = new double[k];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double z = bias[c];
      for (int i = 0; i < row.length; i++) {
        z += row[i] * weights[i][c];
      }
      logits[c] = z;
      max = Math.max(max, z);
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      logits[c] = Math.exp(logits[c] - max);
      sum += logits[c];
    }
    float[] out = new float[k];
    for (int c = 0; c < k; c++) {
      out[c] = (float) (logits[c] / sum);
    }
    return out;
  }

  private static Proto node(String op, String name, String[] inputs, String output, Proto... attributes) {
    Proto node = new Proto();
    for (String input : inputs) {
      node.string(1, input);
    }
    node.string(2, output).string(3, name).string(4, op);
    for (Proto attribute : attributes) {
      node.message(5, attribute);
    }
    return node;
  }

  private static Proto ints(String name, long... values) {
    Proto attribute = new Proto().string(1, name);
    for (long v : values) {
      attribute.varint(8, v);
    }
    return attribute.varint(20, ATTRIBUTE_INTS);
  }

  private static Proto int64Tensor(String name, long[] values, long... dims) {
    Proto tensor = new Proto();
    for (long dim : dims) {
      tensor.varint(1, dim);
    }
    ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long value : values) {
      raw.putLong(value);
    }
    return tensor.varint(2, INT64).string(8, name).raw(9, raw.array());
  }

  private static Proto tensor(String name, float[] values, long... dims) {
    Proto tensor = new Proto();
    for (long dim : dims) {
      tensor.varint(1, dim);
    }
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : values) {
      raw.putFloat(value);
    }
    return tensor.varint(2, FLOAT).string(8, name).raw(9, raw.array());
  }

  /** A FLOAT tensor of shape {@code [N, width]} with a symbolic first dimension. */
  private static Proto valueInfo(String name, int width) {
    Proto shape = new Proto()
        .message(1, new Proto().string(2, "N"))
        .message(1, new Proto().varint(1, width));
    Proto tensorType = new Proto().varint(1, FLOAT).message(2, shape);
    return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
  }

  /** A protobuf message being written: varints and length-delimited fields. */
  private static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long value) {
      writeVarint((long) field << 3);
      writeVarint(value);
      return this;
    }

    Proto string(int field, String value) {
      return raw(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int field, Proto message) {
      return raw(field, message.bytes());
    }

    Proto raw(int field, byte[] bytes) {
      writeVarint(((long) field << 3) | 2);
      writeVarint(bytes.length);
      out.writeBytes(bytes);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private void writeVarint(long value) {
      while ((value & ~0x7FL) != 0) {
        out.write((int) ((value & 0x7F) | 0x80));
        value >>>= 7;
      }
      out.write((int) value);
    }
  }
}
