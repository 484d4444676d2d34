package dev.mlops.core.internal.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.api.registry.InvalidModelException;
import dev.mlops.api.registry.ModelSignature;
import dev.mlops.api.registry.Tensor;
import dev.mlops.api.registry.TensorSpec;
import java.lang.reflect.Array;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a session on {@link Tensor} inputs: checks them against the signature (so a mismatch is a
 * message naming the expected input, not a native error), converts them, and copies the tensor
 * outputs back into Java arrays. Outputs that are not tensors (sequences, maps) are left out.
 */
public final class OnnxRunner {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxRunner.class);

  private OnnxRunner() {}

  /**
   * Runs the session.
   *
   * @param session the session, retained by the caller
   * @param signature the model's signature
   * @param inputs input name to tensor
   * @param label the model in error messages
   * @return output name to tensor, in the model's order
   * @throws InvalidModelException if the inputs do not match the signature
   */
  public static Map<String, Tensor> run(OrtSession session, ModelSignature signature, Map<String, Tensor> inputs,
      String label) {
    check(signature, inputs, label);
    OrtEnvironment env = OnnxModels.environment();
    Map<String, OnnxTensor> converted = new HashMap<>();
    InputArena arena = InputArena.forThisThread(inputs.values());
    try {
      for (Map.Entry<String, Tensor> input : inputs.entrySet()) {
        converted.put(input.getKey(), toOnnx(env, input.getValue(), arena));
      }
      try (OrtSession.Result result = session.run(converted)) {
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxValue> output : result) {
          if (output.getValue() instanceof OnnxTensor tensor) {
            outputs.put(output.getKey(), fromOnnx(tensor));
          }
        }
        return outputs;
      }
    } catch (OrtException e) {
      LOG.warn("ONNX Runtime could not run {}: {}", label, e.getMessage());
      throw new InvalidModelException("ONNX Runtime could not run " + label + ": " + e.getMessage()
          + "; it expects " + signature.inputs(), e);
    } finally {
      converted.values().forEach(OnnxTensor::close);
    }
  }

  static void check(ModelSignature signature, Map<String, Tensor> inputs, String label) {
    // Plain loops: this runs on every prediction.
    List<TensorSpec> specs = signature.inputs();
    for (int s = 0; s < specs.size(); s++) {
      TensorSpec spec = specs.get(s);
      Tensor tensor = inputs.get(spec.name());
      if (tensor == null) {
        throw new InvalidModelException(label + " needs input '" + spec.name() + "' (" + describe(spec)
            + "); it expects " + describe(signature));
      }
      if (!matches(spec, tensor)) {
        throw new InvalidModelException(label + " expects input '" + spec.name() + "' as " + describe(spec)
            + ", got " + onnxName(tensor.type()) + " " + Arrays.toString(tensor.shape()) + " (-1 is any size)");
      }
    }
    if (inputs.size() != specs.size()) {
      for (String name : inputs.keySet()) {
        if (specs.stream().noneMatch(spec -> spec.name().equals(name))) {
          throw new InvalidModelException(label + " has no input '" + name + "'; it expects " + describe(signature));
        }
      }
    }
  }

  private static boolean matches(TensorSpec spec, Tensor tensor) {
    if (!spec.elementType().equals(onnxName(tensor.type()))) {
      return false;
    }
    List<Long> want = spec.shape();
    if (want.isEmpty()) {
      return true;
    }
    long[] shape = tensor.shape();
    if (shape.length != want.size()) {
      return false;
    }
    for (int i = 0; i < shape.length; i++) {
      long dimension = want.get(i);
      if (dimension >= 0 && dimension != shape[i]) {
        return false;
      }
    }
    return true;
  }

  private static String describe(ModelSignature signature) {
    List<String> parts = new ArrayList<>();
    for (TensorSpec spec : signature.inputs()) {
      parts.add("'" + spec.name() + "' " + describe(spec));
    }
    return String.join(", ", parts);
  }

  private static String describe(TensorSpec spec) {
    return spec.elementType() + " " + spec.shape();
  }

  static String onnxName(Tensor.Type type) {
    return type.name();
  }

  private static OnnxTensor toOnnx(OrtEnvironment env, Tensor tensor, @Nullable InputArena arena)
      throws OrtException {
    long[] shape = tensor.shape();
    Object data = tensor.unsafeData();
    if (arena != null && tensor.type() != Tensor.Type.STRING) {
      return arena.tensor(env, tensor.type(), data, shape);
    }
    return switch (tensor.type()) {
      case FLOAT -> OnnxTensor.createTensor(env, FloatBuffer.wrap((float[]) data), shape);
      case DOUBLE -> OnnxTensor.createTensor(env, DoubleBuffer.wrap((double[]) data), shape);
      case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap((long[]) data), shape);
      case INT32 -> OnnxTensor.createTensor(env, IntBuffer.wrap((int[]) data), shape);
      case STRING -> OnnxTensor.createTensor(env, (String[]) data, shape);
    };
  }

  private static Tensor fromOnnx(OnnxTensor tensor) throws OrtException {
    long[] shape = tensor.getInfo().getShape();
    return switch (tensor.getInfo().type) {
      case FLOAT -> Tensor.ofFloats(read(tensor.getFloatBuffer()), shape);
      case DOUBLE -> {
        DoubleBuffer buffer = tensor.getDoubleBuffer();
        double[] out = new double[buffer.remaining()];
        buffer.get(out);
        yield Tensor.ofDoubles(out, shape);
      }
      case INT64 -> {
        LongBuffer buffer = tensor.getLongBuffer();
        long[] out = new long[buffer.remaining()];
        buffer.get(out);
        yield Tensor.ofLongs(out, shape);
      }
      case INT32 -> {
        IntBuffer buffer = tensor.getIntBuffer();
        int[] out = new int[buffer.remaining()];
        buffer.get(out);
        yield Tensor.ofInts(out, shape);
      }
      case STRING -> {
        List<String> flat = new ArrayList<>();
        flatten(tensor.getValue(), flat);
        yield Tensor.ofStrings(flat.toArray(String[]::new), shape);
      }
      default -> throw new InvalidModelException("output element type " + tensor.getInfo().type
          + " is not supported; the model's outputs must be FLOAT, DOUBLE, INT64, INT32 or STRING");
    };
  }

  private static float[] read(FloatBuffer buffer) {
    float[] out = new float[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  private static void flatten(Object value, List<String> out) {
    if (value instanceof String s) {
      out.add(s);
    } else if (value != null && value.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(value); i++) {
        flatten(Array.get(value, i), out);
      }
    }
  }
}
