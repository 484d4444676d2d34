package dev.mlops.api.validation;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.registry.PromotionGate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs validation suites against candidate models and stores the reports, linked to the model
 * version when the request names one. Thread-safe.
 */
public interface Validator {
  /**
   * Validates a candidate and stores the report.
   *
   * @param request the suite, candidate, data and options
   * @return the stored report
   * @throws IllegalArgumentException on bad input: a check naming an unknown metric or column,
   *     predictions of the wrong length, NaN predictions
   */
  ValidationReport validate(ValidationRequest request);

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
  default ValidationReport validate(
      ValidationSuite suite,
      Predictor candidate,
      Optional<Predictor> baseline,
      LabelledData data,
      Optional<String> model) {
    return validate(new ValidationRequest(suite, Optional.of(candidate), Optional.empty(), data,
        baseline, Optional.empty(), model));
  }

  /**
   * Reads a stored report.
   *
   * @param id the report's id
   * @return the report
   * @throws NotFoundException if no report has this id
   */
  ValidationReport report(String id);

  /**
   * Lists the reports linked to a model version, oldest first.
   *
   * @param model the reference {@code <name>/<version>}
   * @return the reports' ids
   */
  List<String> reportsFor(String model);

  /**
   * Returns a promotion gate for {@code MlOps.builder().promotionGate(...)}, the registry's extra
   * Java rule: a version passes when its most recent stored report passed and names exactly that
   * version.
   *
   * @param suite the suite whose reports count, or empty for the latest report of any suite
   * @return the gate
   */
  PromotionGate promotionGate(Optional<String> suite);

  /**
   * Writes a suite in its JSON form (documented in {@code docs/validation.md}).
   *
   * @param suite the suite
   * @return the JSON
   */
  String toJson(ValidationSuite suite);

  /**
   * Reads a suite from its JSON form; reading what {@link #toJson} wrote gives an equal suite.
   *
   * @param json the JSON
   * @param functions the functions of the custom metrics the JSON defines, by metric name
   * @return the suite
   * @throws IllegalArgumentException on malformed JSON, an unknown check type (the message names
   *     the known ones) or field, or a custom metric whose function is missing
   */
  ValidationSuite suiteFromJson(String json, Map<String, MetricFunction> functions);

  /**
   * Renders a report as one self-contained HTML page (inline CSS and SVG charts, no scripts, no
   * network), for people to read.
   *
   * @param report the report
   * @return the page
   */
  String toHtml(ValidationReport report);

  /**
   * Reads labelled data from Arrow record batches, such as a dataset version's table
   * ({@code DatasetStore.openTable}): integer and floating-point columns become features (null =
   * missing), UTF-8 columns attributes, {@code label} the labels. The caller closes the reader.
   *
   * @param reader the batches
   * @param label the label column's name
   * @return the data
   * @throws IllegalArgumentException if the label column is missing or has nulls, or a column's
   *     type is not supported (the message names it)
   * @throws java.io.UncheckedIOException if reading a batch fails
   */
  LabelledData labelledData(org.apache.arrow.vector.ipc.ArrowReader reader, String label);
}
