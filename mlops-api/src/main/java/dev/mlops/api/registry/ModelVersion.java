package dev.mlops.api.registry;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A registered, immutable version of a named model.
 *
 * @param model the model's name
 * @param version the version number, from 1, claimed race-free
 * @param format how the artifact is stored
 * @param signature inputs and outputs, when known (always for ONNX)
 * @param lineage the run, datasets and code that produced it
 * @param metrics a snapshot of its metrics at registration
 * @param tags its tags
 * @param description a free text description
 * @param createdAt when it was registered
 * @param artifactSize the artifact's size in bytes
 */
public record ModelVersion(
    String model,
    int version,
    ModelFormat format,
    Optional<ModelSignature> signature,
    Lineage lineage,
    Map<String, Double> metrics,
    Map<String, String> tags,
    String description,
    Instant createdAt,
    long artifactSize) {
  /**
   * Creates the value; maps are copied.
   *
   * @param model the model's name
   * @param version the version, at least 1
   * @param format the format
   * @param signature the signature, or empty
   * @param lineage the lineage
   * @param metrics metrics
   * @param tags tags
   * @param description the description
   * @param createdAt registration time
   * @param artifactSize artifact size in bytes
   */
  public ModelVersion {
    Names.requireValid("model", model);
    if (version < 1) {
      throw new IllegalArgumentException("version numbers start at 1, got " + version);
    }
    requireNonNull(format, "format");
    requireNonNull(signature, "signature");
    requireNonNull(lineage, "lineage");
    requireNonNull(description, "description");
    requireNonNull(createdAt, "createdAt");
    metrics = Map.copyOf(metrics);
    tags = Map.copyOf(tags);
  }

  @Override
  public String toString() {
    return model + "/" + version;
  }
}
