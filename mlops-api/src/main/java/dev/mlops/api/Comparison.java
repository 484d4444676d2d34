package dev.mlops.api;

/**
 * How an observed value is compared with a threshold, in validation checks and retrain triggers.
 * A NaN observation never passes.
 */
public enum Comparison {
  /** Passes when {@code observed >= threshold}. */
  AT_LEAST(">="),
  /** Passes when {@code observed > threshold}. */
  ABOVE(">"),
  /** Passes when {@code observed <= threshold}. */
  AT_MOST("<="),
  /** Passes when {@code observed < threshold}. */
  BELOW("<");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  /**
   * Returns the operator as people write it, such as {@code ">="}.
   *
   * @return the operator symbol
   */
  public String symbol() {
    return symbol;
  }

  /**
   * Compares an observation with a threshold.
   *
   * @param observed the measured value
   * @param threshold the threshold
   * @return {@code true} if the observation satisfies this comparison
   */
  public boolean test(double observed, double threshold) {
    return switch (this) {
      case AT_LEAST -> observed >= threshold;
      case ABOVE -> observed > threshold;
      case AT_MOST -> observed <= threshold;
      case BELOW -> observed < threshold;
    };
  }
}
