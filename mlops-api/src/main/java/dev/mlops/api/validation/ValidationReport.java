package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stored, immutable record of one validation: every check's outcome and every metric measured.
 * The registry's promotion gate reads it.
 *
 * @param id the report's id (the SHA-256 of its stored JSON, 64 hex characters)
 * @param suite the suite's name
 * @param model the validated model version's reference ({@code model/N}), if it was registered
 * @param checks each check's outcome, in the suite's order
 * @param metrics every metric measured on the candidate (model, custom and meta metrics)
 * @param units the unit of each metric that has one (custom and meta metrics)
 * @param slices each slice's metric, for every slice check
 * @param latency latency profiles, when meta metrics were measured
 * @param confusionMatrix counts of (true class, predicted class) for classifiers, else empty
 * @param createdAt when it ran
 * @param classNames the classes' names in class index order, if the data named them
 *     ({@link LabelledData#withClassNames}), else empty
 */
public record ValidationReport(
    String id,
    String suite,
    Optional<String> model,
    List<CheckResult> checks,
    Map<String, Double> metrics,
    Map<String, String> units,
    List<SliceOutcome> slices,
    List<LatencyProfile> latency,
    List<List<Long>> confusionMatrix,
    Instant createdAt,
    List<String> classNames) {
  /**
   * Creates the value; collections are copied.
   *
   * @param id the id
   * @param suite the suite
   * @param model the model reference, or empty
   * @param checks outcomes
   * @param metrics metrics
   * @param units units by metric
   * @param slices slice outcomes
   * @param latency latency profiles
   * @param confusionMatrix the confusion matrix, or empty
   * @param createdAt when
   * @param classNames class names, or empty
   */
  public ValidationReport {
    requireNonNull(id, "id");
    requireNonNull(suite, "suite");
    requireNonNull(model, "model");
    requireNonNull(createdAt, "createdAt");
    checks = List.copyOf(checks);
    metrics = Map.copyOf(metrics);
    units = Map.copyOf(units);
    slices = List.copyOf(slices);
    latency = List.copyOf(latency);
    confusionMatrix = confusionMatrix.stream().map(List::copyOf).toList();
    classNames = List.copyOf(classNames);
  }

  /**
   * Creates the value without class names.
   *
   * @param id the id
   * @param suite the suite
   * @param model the model reference, or empty
   * @param checks outcomes
   * @param metrics metrics
   * @param units units by metric
   * @param slices slice outcomes
   * @param latency latency profiles
   * @param confusionMatrix the confusion matrix, or empty
   * @param createdAt when
   */
  public ValidationReport(String id, String suite, Optional<String> model, List<CheckResult> checks,
      Map<String, Double> metrics, Map<String, String> units, List<SliceOutcome> slices,
      List<LatencyProfile> latency, List<List<Long>> confusionMatrix, Instant createdAt) {
    this(id, suite, model, checks, metrics, units, slices, latency, confusionMatrix, createdAt,
        List.of());
  }

  /**
   * Tells whether every check passed.
   *
   * @return {@code true} if the candidate passed the suite
   */
  public boolean passed() {
    return checks.stream().allMatch(CheckResult::passed);
  }
}
