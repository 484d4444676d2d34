package dev.mlops.examples.docs;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Labelled churn rows for the pages' gates and pipelines: three standard normal features and a
 * label {@code churned} that is 1 exactly when {@code x0 > 0}, so a model scoring by x0 alone is
 * always right and its AUC is 1.
 */
final class ChurnRows {
  /** The CSV header: the features in the models' input order, then the label. */
  static final String HEADER = "x0,x1,x2,churned";

  private ChurnRows() {}

  /**
   * Seeded rows as CSV text.
   *
   * @param n how many rows
   * @param seed the random seed
   * @return the header and n rows
   */
  static String csv(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < n; i++) {
      double x0 = random.nextGaussian();
      csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d%n", (float) x0, (float) random.nextGaussian(),
          (float) random.nextGaussian(), x0 > 0 ? 1 : 0));
    }
    return csv.toString();
  }
}
