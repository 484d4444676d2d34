package dev.mlops.core.internal.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.experiment.ArtifactInfo;
import dev.mlops.api.experiment.CodeVersion;
import dev.mlops.api.experiment.InputRole;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunInput;
import dev.mlops.api.experiment.RunLineage;
import dev.mlops.api.experiment.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The stored form of a run (JSON). Mutable on purpose: an update reads it, changes it and
 * compare-and-sets it back. Metric values are stored as text so NaN and infinities survive JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
final class RunDoc {
  public int format = 1;
  public String id = "";
  public String experiment = "";
  public String name = "";
  public RunStatus status = RunStatus.RUNNING;
  public long startedAt;
  public @Nullable Long endedAt;
  public @Nullable String parentId;
  public @Nullable String failure;
  public long heartbeatTimeoutMillis;
  public Map<String, String> params = new TreeMap<>();
  public Map<String, String> tags = new TreeMap<>();
  public List<Input> inputs = new ArrayList<>();
  /** Latest value per metric key, as {@link Double#toString} so NaN and infinities round-trip. */
  public Map<String, String> latestMetrics = new TreeMap<>();
  /** Last step per metric key, so a resumed run continues automatic steps. */
  public Map<String, Long> lastSteps = new TreeMap<>();
  public @Nullable Code code;
  public Map<String, String> environment = new TreeMap<>();
  public Map<String, Long> seeds = new TreeMap<>();
  public Map<String, Artifact> artifacts = new TreeMap<>();

  /** A dataset input. */
  public static final class Input {
    public String dataset = "";
    public String versionId = "";
    public InputRole role = InputRole.TRAIN;
  }

  /** A code version. */
  public static final class Code {
    public String commit = "";
    public @Nullable String branch;
    public boolean dirty;
  }

  /** An artifact file. */
  public static final class Artifact {
    public String sha256 = "";
    public long size;
  }

  /**
   * Checks what the JSON shape cannot: the document is of this format and this run, and its
   * artifacts name content ({@link #toInfo()} checks that the other values convert).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  void check(String runId) {
    if (format != 1) {
      throw new IllegalArgumentException("format " + format + " is not one this version reads"
          + " (written by a newer mlops? upgrade)");
    }
    if (!id.equals(runId)) {
      throw new IllegalArgumentException("it names run '" + id + "'");
    }
    artifacts.forEach((path, artifact) -> {
      if (!artifact.sha256.matches("[0-9a-f]{64}") || artifact.size < 0) {
        throw new IllegalArgumentException("artifact '" + path + "' has no valid hash and size");
      }
    });
  }

  RunInfo toInfo() {
    List<RunInput> runInputs = new ArrayList<>();
    for (Input input : inputs) {
      runInputs.add(new RunInput(new DatasetRef(input.dataset, input.versionId), input.role));
    }
    Map<String, Double> latest = new TreeMap<>();
    latestMetrics.forEach((key, value) -> latest.put(key, Double.valueOf(value)));
    Optional<CodeVersion> codeVersion = code == null ? Optional.empty()
        : Optional.of(new CodeVersion(code.commit, Optional.ofNullable(code.branch), code.dirty));
    List<ArtifactInfo> files = new ArrayList<>();
    artifacts.forEach((path, a) -> files.add(new ArtifactInfo(path, a.sha256, a.size)));
    return new RunInfo(id, experiment, name, status, Instant.ofEpochMilli(startedAt),
        Optional.ofNullable(endedAt).map(Instant::ofEpochMilli), Optional.ofNullable(parentId),
        params, tags, runInputs, latest, new RunLineage(codeVersion, environment, seeds), files,
        Optional.ofNullable(failure));
  }
}
