package dev.mlops.benchmarks.drift;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.internal.drift.BatchComparison;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures how often each numeric method flags drift against a stored profile and against the raw
 * reference, over many seeded trials: without a shift (false alarms) and with a shift of the mean
 * (detection power). Each trial draws a new reference, profiles it and draws a new current
 * window, so a rate is over references, sketches and windows together. The figures in
 * docs/drift.md ("Error of sketch-based results") come from this program.
 *
 * <pre>
 * ./mvnw -q -B -o -pl mlops-benchmarks -am package -DskipTests
 * java -cp mlops-benchmarks/target/benchmarks.jar dev.mlops.benchmarks.drift.ProfileFalseAlarms [trials]
 * </pre>
 *
 * <p>Not a JMH benchmark: it measures rates, not time. Prints one Markdown row per setting.
 */
public final class ProfileFalseAlarms {
  private static final List<DriftMethod> METHODS = List.of(DriftMethod.KS, DriftMethod.PSI, DriftMethod.JS,
      DriftMethod.HELLINGER, DriftMethod.WASSERSTEIN);

  private ProfileFalseAlarms() {}

  /** One setting: reference size, sketch parameter, window size, rounding (0 = none), shift in σ. */
  private record Setting(int referenceSize, int k, int window, double rounding, double shift) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "ref %,d%s, k = %d, window %,d, shift %.2fσ", referenceSize,
          rounding > 0 ? " rounded to " + rounding : "", k, window, shift);
    }
  }

  /**
   * Runs the settings and prints the rates.
   *
   * @param args optional: the number of trials per setting (default 200)
   */
  public static void main(String[] args) {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    List<Setting> settings = new ArrayList<>();
    for (double shift : new double[] {0, 0.03, 0.04, 0.05, 0.07}) {
      settings.add(new Setting(200_000, 200, 10_000, 0, shift));
    }
    for (double shift : new double[] {0, 0.03, 0.04}) {
      settings.add(new Setting(200_000, 1_600, 10_000, 0, shift));
    }
    settings.add(new Setting(200_000, 50, 10_000, 0, 0));
    settings.add(new Setting(200_000, 200, 10_000, 0.1, 0));
    settings.add(new Setting(200_000, 200, 1_000, 0, 0));
    settings.add(new Setting(200_000, 200, 1_000, 0, 0.15));
    settings.add(new Setting(200_000, 200, 100, 0, 0));
    System.out.println("| setting | " + String.join(" | ", METHODS.stream().map(m -> m.name().toLowerCase()
        + " raw / profile").toList()) + " | largest |profile − raw| per method |");
    for (Setting setting : settings) {
      run(setting, trials);
    }
  }

  private static void run(Setting setting, int trials) {
    int[] rawFlags = new int[METHODS.size()];
    int[] profileFlags = new int[METHODS.size()];
    double[] largestGap = new double[METHODS.size()];
    for (int t = 0; t < trials; t++) {
      Random random = new Random(1_000_003L * t + setting.hashCode());
      Sample reference = Sample.builder().numeric("x", draw(random, setting.referenceSize(), setting.rounding(), 0))
          .build();
      Sample current = Sample.builder().numeric("x", draw(random, setting.window(), setting.rounding(),
          setting.shift())).build();
      BatchComparison.Reference raw = BatchComparison.exact(reference);
      SketchProfile profile = SketchProfile.of(reference, setting.k());
      for (int m = 0; m < METHODS.size(); m++) {
        DriftConfig config = DriftConfig.builder().method(METHODS.get(m)).build();
        ColumnDrift exact = BatchComparison.compare(raw, current, config, Runnable::run).columns().get(0);
        ColumnDrift sketch = BatchComparison.compare(profile, current, config, Runnable::run).columns().get(0);
        rawFlags[m] += exact.drifted() ? 1 : 0;
        profileFlags[m] += sketch.drifted() ? 1 : 0;
        largestGap[m] = Math.max(largestGap[m], Math.abs(sketch.statistic() - exact.statistic()));
      }
    }
    StringBuilder row = new StringBuilder("| " + setting + " |");
    for (int m = 0; m < METHODS.size(); m++) {
      row.append(' ').append(rawFlags[m]).append(" / ").append(profileFlags[m]).append(" |");
    }
    row.append(' ').append(String.join(", ", Arrays.stream(largestGap)
        .mapToObj(g -> String.format(Locale.ROOT, "%.4f", g)).toList())).append(" |");
    System.out.println(row + " (of " + trials + ")");
  }

  private static double[] draw(Random random, int n, double rounding, double shift) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      double v = random.nextGaussian() + shift;
      values[i] = rounding > 0 ? Math.round(v / rounding) * rounding : v;
    }
    return values;
  }
}
