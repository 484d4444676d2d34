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
 * @param id the report's id
 * @param suite the suite's name
 * @param model the validated model version's reference ({@code model/N}), if it was registered
 * @param checks each check's outcome, in the suite's order
 * @param metrics every metric measured on the candidate
 * @param createdAt when it ran
 */
public record ValidationReport(
    String id,
    String suite,
    Optional<String> model,
    List<CheckResult> checks,
    Map<String, Double> metrics,
    Instant createdAt) {
  /**
   * Creates the value; collections are copied.
   *
   * @param id the id
   * @param suite the suite
   * @param model the model reference, or empty
   * @param checks outcomes
   * @param metrics metrics
   * @param createdAt when
   */
  public ValidationReport {
    requireNonNull(id, "id");
    requireNonNull(suite, "suite");
    requireNonNull(model, "model");
    requireNonNull(createdAt, "createdAt");
    checks = List.copyOf(checks);
    metrics = Map.copyOf(metrics);
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
