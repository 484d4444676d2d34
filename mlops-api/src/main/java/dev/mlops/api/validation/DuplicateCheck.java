package dev.mlops.api.validation;

/**
 * The share of rows that repeat an earlier row (same features and label) must not exceed
 * {@code maxShare}.
 *
 * @param maxShare the largest allowed share, 0 to 1
 */
public record DuplicateCheck(double maxShare) implements Check {
  /**
   * Creates the check.
   *
   * @param maxShare the limit
   */
  public DuplicateCheck {
    Shares.requireShare("maxShare", maxShare);
  }

  @Override
  public String metric() {
    return "data.duplicate_share";
  }

  @Override
  public String describe() {
    return "duplicate rows <= " + maxShare;
  }
}
