package dev.mlops.core.internal.drift.stream;

import java.util.SplittableRandom;

/**
 * The SEA concepts generator (Street and Kim, "A Streaming Ensemble Algorithm (SEA) for
 * Large-Scale Classification", KDD 2001): three attributes uniform in [0, 10], the label is
 * x1 + x2 ≤ θ with θ = 8, 9, 7, 9.5 for concepts 0 to 3 (x3 is irrelevant), and a share of labels
 * flipped as noise (the paper: 10%). Seeded; not thread-safe.
 */
public final class SeaConcepts {
  /** The thresholds of the four concepts. */
  public static final double[] THRESHOLDS = {8, 9, 7, 9.5};

  private final SplittableRandom random;
  private final double noise;
  private int concept;

  /**
   * Creates the generator at concept 0.
   *
   * @param seed the seed
   * @param noise the share of flipped labels, in [0, 1)
   */
  public SeaConcepts(long seed, double noise) {
    this.random = new SplittableRandom(seed);
    this.noise = noise;
  }

  /**
   * Switches to a concept (an abrupt drift when it changes).
   *
   * @param concept 0 to 3
   */
  public void concept(int concept) {
    this.concept = concept;
  }

  /**
   * Draws the next example into {@code row}.
   *
   * @param row an array of 3 receiving the attributes
   * @return the label
   */
  public boolean next(double[] row) {
    for (int i = 0; i < 3; i++) {
      row[i] = random.nextDouble() * 10;
    }
    boolean label = row[0] + row[1] <= THRESHOLDS[concept];
    return random.nextDouble() < noise ? !label : label;
  }
}
