package dev.mlops.api.drift;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The binned shares of one column in the reference and the current sample, as the binned methods
 * ({@code psi}, {@code js}, {@code hellinger}) and reports use them: the reference's deciles for
 * numeric columns, the categories for categorical ones. Shares are raw (no zero replacement).
 *
 * @param bins a label per bin, such as {@code (-inf, 1.5]} or a category
 * @param reference the reference's share of each bin, summing to 1
 * @param current the current sample's share of each bin, summing to 1
 */
public record Histogram(List<String> bins, List<Double> reference, List<Double> current) {
  /**
   * Creates the value; lists are copied.
   *
   * @param bins labels
   * @param reference reference shares, one per bin
   * @param current current shares, one per bin
   * @throws IllegalArgumentException if the three lists differ in size
   */
  public Histogram {
    bins = List.copyOf(requireNonNull(bins, "bins"));
    reference = List.copyOf(requireNonNull(reference, "reference"));
    current = List.copyOf(requireNonNull(current, "current"));
    if (reference.size() != bins.size() || current.size() != bins.size()) {
      throw new IllegalArgumentException("histogram needs one share per bin: " + bins.size() + " bins, "
          + reference.size() + " reference shares, " + current.size() + " current shares");
    }
  }
}
