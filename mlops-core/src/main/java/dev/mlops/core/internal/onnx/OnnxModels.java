package dev.mlops.core.internal.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates ONNX Runtime sessions from model bytes and reads their signatures. ONNX Runtime prints
 * nothing itself: see {@link OrtLogging}.
 */
public final class OnnxModels {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxModels.class);
  private static final String TYPE_PREFIX = "ONNX_TENSOR_ELEMENT_DATA_TYPE_";

  private OnnxModels() {}

  /**
   * Created on first use; OrtEnvironment.getEnvironment() is synchronized, and predictions need
   * it. If the host made the environment first, ONNX Runtime keeps the host's level for its
   * environment-wide lines; the sessions made here stay quiet either way.
   */
  private static final class Holder {
    static final OrtLoggingLevel LEVEL = OrtLogging.level(System.getProperties());
    static final OrtEnvironment ENVIRONMENT = create();

    private static OrtEnvironment create() {
      OrtLogging.forwardBindingMessages();
      return OrtEnvironment.getEnvironment(LEVEL, OrtEnvironment.DEFAULT_NAME);
    }
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
    OrtEnvironment environment = environment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setSessionLogLevel(Holder.LEVEL); // ONNX Runtime would print on stderr
      return environment.createSession(bytes, options);
    } catch (OrtException e) {
      LOG.warn("ONNX Runtime could not load {}: {}", label, e.getMessage());
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
