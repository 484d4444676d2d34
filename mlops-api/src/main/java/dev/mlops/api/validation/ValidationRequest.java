package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything one validation needs: the suite, the candidate, the labelled data, and optionally a
 * baseline, the training data (for the overlap check) and the candidate's registry reference. The
 * candidate is either a {@link Predictor} the host supplies or an {@link OnnxModel} the validator
 * loads itself (then load time, memory and artifact size can be measured too).
 *
 * @param suite the checks
 * @param candidate the model under test, if the host supplies it as a predictor
 * @param candidateModel the model under test, if given as an ONNX artifact
 * @param data the labelled validation data
 * @param baseline the model to compare with (usually the champion), or empty
 * @param trainingData the training data, for {@link TrainingOverlapCheck}, or empty
 * @param model the candidate's registry reference ({@code model/N}) to link the report to, or empty
 */
public record ValidationRequest(ValidationSuite suite, Optional<Predictor> candidate,
    Optional<OnnxModel> candidateModel, LabelledData data,
    Optional<Predictor> baseline, Optional<LabelledData> trainingData, Optional<String> model) {
  /**
   * Creates the value.
   *
   * @param suite the suite
   * @param candidate the candidate predictor, or empty
   * @param candidateModel the candidate ONNX model, or empty; exactly one of the two is given
   * @param data the data
   * @param baseline the baseline, or empty
   * @param trainingData training data, or empty
   * @param model the model reference, or empty
   */
  public ValidationRequest {
    requireNonNull(suite, "suite");
    requireNonNull(candidate, "candidate");
    requireNonNull(candidateModel, "candidateModel");
    if (candidate.isPresent() == candidateModel.isPresent()) {
      throw new IllegalArgumentException("give the candidate either as a Predictor or as an"
          + " OnnxModel, exactly one");
    }
    requireNonNull(data, "data");
    requireNonNull(baseline, "baseline");
    requireNonNull(trainingData, "trainingData");
    requireNonNull(model, "model");
    model.ifPresent(ValidationRequest::requireModelReference);
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private static void requireModelReference(String reference) {
    int slash = reference.lastIndexOf('/');
    if (slash <= 0 || !dev.mlops.api.Names.isValid(reference.substring(0, slash))
        || !reference.substring(slash + 1).matches("[1-9][0-9]{0,9}")) {
      throw new IllegalArgumentException("model reference must be <name>/<version>, such as"
          + " churn/3, got '" + reference + "'");
    }
  }

  /** Builds a {@link ValidationRequest}; each value may be set once. */
  public static final class Builder {
    private @Nullable ValidationSuite suite;
    private @Nullable Predictor candidate;
    private @Nullable OnnxModel candidateModel;
    private @Nullable LabelledData data;
    private @Nullable Predictor baseline;
    private @Nullable LabelledData trainingData;
    private @Nullable String model;

    private Builder() {}

    /**
     * Sets the suite. Required.
     *
     * @param suite the suite
     * @return this builder
     */
    public Builder suite(ValidationSuite suite) {
      this.suite = once("suite", this.suite, suite);
      return this;
    }

    /**
     * Sets the candidate as a host-supplied predictor. Exclusive with {@link #candidateModel}; one
     * of them is required.
     *
     * @param candidate the model under test
     * @return this builder
     */
    public Builder candidate(Predictor candidate) {
      this.candidate = once("candidate", this.candidate, candidate);
      return this;
    }

    /**
     * Sets the candidate as an ONNX model the validator loads (so load time, memory and artifact
     * size are measured). Exclusive with {@link #candidate(Predictor)}; one of them is required.
     *
     * @param candidateModel the model under test
     * @return this builder
     */
    public Builder candidateModel(OnnxModel candidateModel) {
      this.candidateModel = once("candidateModel", this.candidateModel, candidateModel);
      return this;
    }

    /**
     * Sets the labelled validation data. Required.
     *
     * @param data the data
     * @return this builder
     */
    public Builder data(LabelledData data) {
      this.data = once("data", this.data, data);
      return this;
    }

    /**
     * Sets the baseline for change thresholds. Default: none (change thresholds fail).
     *
     * @param baseline the baseline model
     * @return this builder
     */
    public Builder baseline(Predictor baseline) {
      this.baseline = once("baseline", this.baseline, baseline);
      return this;
    }

    /**
     * Sets the training data for the overlap check. Default: none (the check fails).
     *
     * @param trainingData the training rows (labels are ignored)
     * @return this builder
     */
    public Builder trainingData(LabelledData trainingData) {
      this.trainingData = once("trainingData", this.trainingData, trainingData);
      return this;
    }

    /**
     * Links the report to a registered model version. Default: not linked.
     *
     * @param model the reference {@code <name>/<version>}
     * @return this builder
     */
    public Builder model(String model) {
      requireModelReference(requireNonNull(model, "model"));
      this.model = once("model", this.model, model);
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws IllegalStateException if the suite, candidate or data is missing, or the candidate
     *     was given both ways
     */
    public ValidationRequest build() {
      if (suite == null || data == null || (candidate == null) == (candidateModel == null)) {
        throw new IllegalStateException("suite(...), data(...) and one of candidate(...) or"
            + " candidateModel(...) are required");
      }
      return new ValidationRequest(suite, Optional.ofNullable(candidate),
          Optional.ofNullable(candidateModel), data, Optional.ofNullable(baseline),
          Optional.ofNullable(trainingData), Optional.ofNullable(model));
    }

    private static <T> T once(String what, @Nullable T current, T value) {
      requireNonNull(value, what);
      if (current != null) {
        throw new IllegalStateException(what + " was already set");
      }
      return value;
    }
  }
}
