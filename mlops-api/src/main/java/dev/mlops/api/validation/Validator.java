package dev.mlops.api.validation;

import dev.mlops.api.NotFoundException;
import java.util.Optional;

/**
 * Runs validation suites against candidate models and stores the reports. Thread-safe.
 */
public interface Validator {
  /**
   * Validates a candidate on labelled data; change thresholds fail when no baseline is given.
   *
   * @param suite the checks
   * @param candidate the model under test
   * @param baseline the model to compare with (usually the champion), or empty
   * @param data labelled data
   * @param model the candidate's registry reference ({@code model/N}) to link the report to, or
   *     empty
   * @return the stored report
   */
  ValidationReport validate(
      ValidationSuite suite,
      Predictor candidate,
      Optional<Predictor> baseline,
      LabelledData data,
      Optional<String> model);

  /**
   * Reads a stored report.
   *
   * @param id the report's id
   * @return the report
   * @throws NotFoundException if no report has this id
   */
  ValidationReport report(String id);
}
