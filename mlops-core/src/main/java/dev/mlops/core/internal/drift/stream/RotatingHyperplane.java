package dev.mlops.core.internal.drift.stream;

import java.util.SplittableRandom;

/**
 * The rotating hyperplane generator (Hulten, Spencer and Domingos, "Mining Time-Changing Data
 * Streams", KDD 2001): d attributes uniform in [0, 1], label Σ w_i x_i ≥ w_0 with w_0 = ½ Σ w_i;
 * after each example every weight moves by {@code magnitude}·s_i, where the direction s_i flips
 * with probability 10%; a share of labels is flipped as noise. A gradual drift at a constant rate;
 * magnitude 0 gives a stationary concept. Seeded; not thread-safe.
 */
public final class RotatingHyperplane {
  private final SplittableRandom random;
  private final double[] weights;
  private final double[] directions;
  private final double magnitude;
  private final double noise;

  /**
   * Creates the generator.
   *
   * @param seed the seed
   * @param dimensions d
   * @param magnitude weight change per example
   * @param noise share of flipped labels
   */
  public RotatingHyperplane(long seed, int dimensions, double magnitude, double noise) {
    this.random = new SplittableRandom(seed);
    this.weights = new double[dimensions];
    this.directions = new double[dimensions];
    this.magnitude = magnitude;
    this.noise = noise;
    for (int i = 0; i < dimensions; i++) {
      weights[i] = random.nextDouble();
      directions[i] = 1;
    }
  }

  /**
   * Draws the next example into {@code row} and then moves the hyperplane.
   *
   * @param row an array of d receiving the attributes
   * @return the label
   */
  public boolean next(double[] row) {
    double dot = 0;
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      row[i] = random.nextDouble();
      dot += weights[i] * row[i];
      sum += weights[i];
    }
    boolean label = dot >= sum / 2;
    for (int i = 0; i < weights.length; i++) {
      if (random.nextDouble() < 0.1) {
        directions[i] = -directions[i];
      }
      weights[i] += directions[i] * magnitude;
    }
    return random.nextDouble() < noise ? !label : label;
  }
}
