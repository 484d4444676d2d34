package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;

/**
 * The metric on {@code subsets} disjoint random subsets of the data (drawn without replacement from
 * a seeded generator) must agree: their spread must not exceed {@code maxSpread}. This is the
 * remedy for "sneaky bias": a model that only looks good on one lucky split fails here.
 *
 * @param metric the metric's name
 * @param subsets K, the number of disjoint subsets, 2 to 1,000
 * @param seed the generator's seed
 * @param spread how the spread is measured
 * @param maxSpread the largest allowed spread, not negative
 */
public record StabilityCheck(String metric, int subsets, long seed, Spread spread, double maxSpread)
    implements Check {
  /**
   * Creates the check.
   *
   * @param metric the metric
   * @param subsets K
   * @param seed the seed
   * @param spread the spread measure
   * @param maxSpread the limit
   */
  public StabilityCheck {
    Names.requireValid("metric", metric);
    requireNonNull(spread, "spread");
    if (subsets < 2 || subsets > 1_000) {
      throw new IllegalArgumentException("subsets must be 2 to 1000, got " + subsets);
    }
    if (!(maxSpread >= 0) || Double.isInfinite(maxSpread)) {
      throw new IllegalArgumentException("maxSpread of '" + metric + "' must be a finite number"
          + " >= 0, got " + maxSpread);
    }
  }

  @Override
  public String describe() {
    return metric + " " + (spread == Spread.STD ? "std" : "max - min") + " over " + subsets
        + " disjoint subsets <= " + maxSpread;
  }
}
