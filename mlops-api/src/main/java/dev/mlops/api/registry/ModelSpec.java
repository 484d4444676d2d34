package dev.mlops.api.registry;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What to register as a new model version.
 *
 * @param model the model's name
 * @param artifact the file or directory to store
 * @param format how the artifact is stored and loaded
 * @param runId the run that produced it; its datasets and code version become the lineage
 * @param description free text
 * @param tags tags
 * @param metrics metrics to snapshot; when empty and a run is given, the run's latest metrics
 */
public record ModelSpec(
    String model,
    Path artifact,
    ModelFormat format,
    Optional<String> runId,
    String description,
    Map<String, String> tags,
    Map<String, Double> metrics) {
  /**
   * Creates the value; maps are copied.
   *
   * @param model the model
   * @param artifact the artifact
   * @param format the format
   * @param runId the run, or empty
   * @param description the description
   * @param tags tags
   * @param metrics metrics
   */
  public ModelSpec {
    Names.requireValid("model", model);
    requireNonNull(artifact, "artifact");
    requireNonNull(format, "format");
    requireNonNull(runId, "runId");
    requireNonNull(description, "description");
    tags = Map.copyOf(tags);
    metrics = Map.copyOf(metrics);
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ModelSpec}; single values may be set once, {@link #build()} keeps it reusable. */
  public static final class Builder {
    private @Nullable String model;
    private @Nullable Path artifact;
    private @Nullable ModelFormat format;
    private @Nullable String runId;
    private @Nullable String description;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the model's name. Required.
     *
     * @param model a name valid under {@link Names}
     * @return this builder
     */
    public Builder model(String model) {
      Names.requireValid("model", model);
      if (this.model != null) {
        throw new IllegalStateException("model was already set to " + this.model);
      }
      this.model = model;
      return this;
    }

    /**
     * Sets the artifact and its format. Required.
     *
     * @param artifact the file or directory
     * @param format how to store and load it
     * @return this builder
     */
    public Builder artifact(Path artifact, ModelFormat format) {
      requireNonNull(artifact, "artifact");
      requireNonNull(format, "format");
      if (this.artifact != null) {
        throw new IllegalStateException("artifact was already set to " + this.artifact);
      }
      this.artifact = artifact;
      this.format = format;
      return this;
    }

    /**
     * Links the version to the run that produced it. Default: none.
     *
     * @param runId the run's id
     * @return this builder
     */
    public Builder run(String runId) {
      requireNonNull(runId, "runId");
      if (this.runId != null) {
        throw new IllegalStateException("run was already set to " + this.runId);
      }
      this.runId = runId;
      return this;
    }

    /**
     * Sets the description. Default empty.
     *
     * @param description free text
     * @return this builder
     */
    public Builder description(String description) {
      requireNonNull(description, "description");
      if (this.description != null) {
        throw new IllegalStateException("description was already set");
      }
      this.description = description;
      return this;
    }

    /**
     * Adds a tag.
     *
     * @param key a key valid under {@link Names#isValidKey}
     * @param value the value
     * @return this builder
     */
    public Builder tag(String key, String value) {
      Names.requireValidKey("tag key", key);
      requireNonNull(value, "value");
      if (tags.putIfAbsent(key, value) != null) {
        throw new IllegalStateException("tag '" + key + "' was already set");
      }
      return this;
    }

    /**
     * Adds a metric to the snapshot.
     *
     * @param key a key valid under {@link Names#isValidKey}
     * @param value the value
     * @return this builder
     */
    public Builder metric(String key, double value) {
      Names.requireValidKey("metric key", key);
      if (metrics.putIfAbsent(key, value) != null) {
        throw new IllegalStateException("metric '" + key + "' was already set");
      }
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec
     * @throws IllegalStateException if the model or artifact is missing
     */
    public ModelSpec build() {
      if (model == null || artifact == null || format == null) {
        throw new IllegalStateException("model(...) and artifact(...) are required");
      }
      return new ModelSpec(model, artifact, format, Optional.ofNullable(runId),
          description == null ? "" : description, tags, metrics);
    }
  }
}
