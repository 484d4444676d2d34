package dev.mlops.core.internal.drift;

/**
 * Distances between two distributions over the same bins, given as shares summing to 1.
 * Natural logarithms throughout.
 */
public final class BinnedDistances {
  /** The share a bin with no values is given by PSI, in both samples. */
  public static final double PSI_EMPTY_SHARE = 0.0001;

  private BinnedDistances() {}

  /**
   * Population stability index: Σ (cur − ref) · ln(cur / ref), each share of 0 replaced by
   * {@value #PSI_EMPTY_SHARE} first.
   *
   * @param reference reference shares
   * @param current current shares
   * @return PSI, at least 0
   */
  public static double psi(double[] reference, double[] current) {
    double sum = 0;
    for (int i = 0; i < reference.length; i++) {
      double r = reference[i] == 0 ? PSI_EMPTY_SHARE : reference[i];
      double c = current[i] == 0 ? PSI_EMPTY_SHARE : current[i];
      sum += (c - r) * Math.log(c / r);
    }
    return sum;
  }

  /**
   * Jensen-Shannon distance: sqrt(½ KL(ref ‖ m) + ½ KL(cur ‖ m)) with m the mean of the two; a
   * term with a share of 0 counts 0. Between 0 and sqrt(ln 2).
   *
   * @param reference reference shares
   * @param current current shares
   * @return the distance
   */
  public static double jensenShannon(double[] reference, double[] current) {
    double divergence = 0;
    for (int i = 0; i < reference.length; i++) {
      double m = (reference[i] + current[i]) / 2;
      divergence += klTerm(reference[i], m) / 2 + klTerm(current[i], m) / 2;
    }
    return Math.sqrt(Math.max(0, divergence));
  }

  /**
   * Hellinger distance: sqrt(1 − Σ sqrt(ref · cur)), between 0 and 1.
   *
   * @param reference reference shares
   * @param current current shares
   * @return the distance
   */
  public static double hellinger(double[] reference, double[] current) {
    double affinity = 0;
    for (int i = 0; i < reference.length; i++) {
      affinity += Math.sqrt(reference[i] * current[i]);
    }
    return Math.sqrt(Math.max(0, 1 - affinity));
  }

  private static double klTerm(double p, double m) {
    return p == 0 ? 0 : p * Math.log(p / m);
  }
}
