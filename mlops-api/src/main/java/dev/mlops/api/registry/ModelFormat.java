package dev.mlops.api.registry;

/** How a model version's artifact is stored and loaded. */
public enum ModelFormat {
  /** An ONNX model file; its signature is read from the model and it loads in ONNX Runtime. */
  ONNX,
  /** Any other file or directory, stored as is; the host loads it. */
  OTHER
}
