package dev.mlops.api.validation;

/**
 * The share of validation rows whose features also occur in the training data (compared by row
 * hashes) must not exceed {@code maxShare}: overlap means leakage, and scores that flatter the
 * model. Needs {@link ValidationRequest.Builder#trainingData}.
 *
 * @param maxShare the largest allowed share, 0 to 1
 */
public record TrainingOverlapCheck(double maxShare) implements Check {
  /**
   * Creates the check.
   *
   * @param maxShare the limit
   */
  public TrainingOverlapCheck {
    Shares.requireShare("maxShare", maxShare);
  }

  @Override
  public String metric() {
    return "data.training_overlap_share";
  }

  @Override
  public String describe() {
    return "rows also in training data <= " + maxShare;
  }
}
