package dev.mlops.core.internal.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import dev.mlops.api.registry.InvalidModelException;
import dev.mlops.api.registry.ModelSignature;
import dev.mlops.api.registry.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Creates ONNX Runtime sessions from model bytes and reads their signatures. */
public final class OnnxModels {
  private static final String TYPE_PREFIX = "ONNX_TENSOR_ELEMENT_DATA_TYPE_";

  private OnnxModels() {}

  /** Created on first use; OrtEnvironment.getEnvironment() is synchronized, and predictions need it. */
  private static final class Holder {
    static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();
  }

  /** The process-wide ONNX Runtime environment (ONNX Runtime allows one). */
  public static OrtEnvironment environment() {
    return Holder.ENVIRONMENT;
  }

  /**
   * Creates a session from an ONNX model's bytes.
   *
   * @param bytes the model file's bytes
   * @param label what the model is called in error messages
   * @return a new session, which the caller closes
   * @throws InvalidModelException if ONNX Runtime cannot load the bytes as a model
   */
  public static OrtSession open(byte[] bytes, String label) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      return environment().createSession(bytes, options);
    } catch (OrtException e) {
      throw new InvalidModelException(label + " is not an ONNX model ONNX Runtime can load (" + e.getMessage()
          + "); export it again, or register it with ModelFormat.OTHER if it is not ONNX", e);
    }
  }

  /**
   * Reads a model's signature from its bytes (opening and closing a session).
   *
   * @param bytes the model file's bytes
   * @param label what the model is called in error messages
   * @return the inputs and outputs
   * @throws InvalidModelException if the bytes are not a loadable ONNX model
   */
  public static ModelSignature signature(byte[] bytes, String label) {
    try (OrtSession session = open(bytes, label)) {
      return signature(session);
    } catch (OrtException e) {
      throw new InvalidModelException("could not read the signature of " + label + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads an open session's signature.
   *
   * @param session the session
   * @return the inputs and outputs in the model's order
   * @throws OrtException if ONNX Runtime fails
   */
  public static ModelSignature signature(OrtSession session) throws OrtException {
    return new ModelSignature(specs(session.getInputInfo()), specs(session.getOutputInfo()));
  }

  private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
    List<TensorSpec> specs = new ArrayList<>();
    for (NodeInfo node : infos.values()) {
      ValueInfo info = node.getInfo();
      if (info instanceof TensorInfo tensor) {
        String type = tensor.onnxType.name();
        type = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
        specs.add(new TensorSpec(node.getName(), type, Arrays.stream(tensor.getShape()).boxed().toList()));
      } else {
        // Sequences and maps (for example a ZipMap of class probabilities) have no tensor shape.
        specs.add(new TensorSpec(node.getName(), info.getClass().getSimpleName().replace("Info", "").toUpperCase(
            java.util.Locale.ROOT), List.of()));
      }
    }
    return specs;
  }
}
