package dev.mlops.benchmarks.drift;

import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorKind;
import dev.mlops.api.drift.DetectorState;
import dev.mlops.core.internal.drift.stream.ChangeDetectors;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongFunction;

/**
 * Measures ADWIN's two confidence splits (the default δ' = δ/ln n and {@code rigorous=1},
 * δ' = δ/n) as docs/drift.md reports them: false alarms on 10M stationary values of several
 * distributions (3 seeds each), and the detection delay after the error-rate steps of issue 17
 * (change after 10,000 values, 200 seeds). A measurement, not a JMH benchmark: it counts events.
 *
 * <pre>
 * java -cp mlops-benchmarks/target/benchmarks.jar dev.mlops.benchmarks.drift.AdwinMeasurement [values] [seeds]
 * </pre>
 */
public final class AdwinMeasurement {
  private AdwinMeasurement() {}

  /** A named stationary source. */
  private record Source(String name, LongFunction<DoubleSupplier> bySeed) {}

  /**
   * Runs both measurements and prints one line per configuration.
   *
   * @param args stationary values per run (10,000,000) and delay seeds (200)
   */
  public static void main(String[] args) {
    long values = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int delaySeeds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Source[] sources = {
        new Source("Bernoulli(0.02)", seed -> bernoulli(0.02, seed)),
        new Source("Bernoulli(0.2)", seed -> bernoulli(0.2, seed)),
        new Source("Bernoulli(0.5)", seed -> bernoulli(0.5, seed)),
        new Source("Uniform(0,1)", seed -> new SplittableRandom(seed)::nextDouble),
        new Source("N(0.5, 0.1^2)", seed -> gaussian(0.5, 0.1, seed)),
        new Source("N(0, 1) (unbounded)", seed -> gaussian(0, 1, seed)),
    };
    System.out.println("false alarms on " + values + " stationary values, seeds 1-3");
    for (double rigorous : new double[] {0, 1}) {
      for (Source source : sources) {
        long[] alarms = new long[3];
        for (int seed = 1; seed <= 3; seed++) {
          ChangeDetector adwin = ChangeDetectors.create(DetectorKind.ADWIN, Map.of("rigorous", rigorous));
          DoubleSupplier stream = source.bySeed().apply(seed);
          for (long i = 0; i < values; i++) {
            alarms[seed - 1] += adwin.update(stream.getAsDouble()) == DetectorState.DRIFT ? 1 : 0;
          }
        }
        long sum = Arrays.stream(alarms).sum();
        System.out.printf("  rigorous=%.0f %-20s alarms per seed %s = %.3f per 1M values%n", rigorous,
            source.name(), Arrays.toString(alarms), sum * 1e6 / (3.0 * values));
      }
    }
    System.out.println("delay after a step at 10,000 values, seeds 1-" + delaySeeds);
    double[][] steps = {{0.15, 0.35}, {0.2, 0.3}, {0.2, 0.4}, {0.2, 0.7}};
    for (double[] step : steps) {
      for (double rigorous : new double[] {0, 1}) {
        long[] delays = new long[delaySeeds];
        int before = 0;
        for (int seed = 1; seed <= delaySeeds; seed++) {
          ChangeDetector adwin = ChangeDetectors.create(DetectorKind.ADWIN, Map.of("rigorous", rigorous));
          SplittableRandom random = new SplittableRandom(seed);
          long delay = -1;
          for (int i = 0; i < 110_000 && delay < 0; i++) {
            double p = i < 10_000 ? step[0] : step[1];
            if (adwin.update(random.nextDouble() < p ? 1 : 0) == DetectorState.DRIFT) {
              if (i < 10_000) {
                before++;
              } else {
                delay = i - 10_000;
              }
            }
          }
          delays[seed - 1] = delay < 0 ? Long.MAX_VALUE : delay;
        }
        Arrays.sort(delays);
        System.out.printf("  %.2f -> %.2f rigorous=%.0f mean %.1f median %d p90 %d max %d; P(delay <= 79) %.2f;"
            + " alarms before the step %d%n", step[0], step[1], rigorous, Arrays.stream(delays).average().orElseThrow(),
            delays[delaySeeds / 2], delays[(int) (delaySeeds * 0.9)], delays[delaySeeds - 1],
            Arrays.stream(delays).filter(d -> d <= 79).count() / (double) delaySeeds, before);
      }
    }
  }

  static DoubleSupplier bernoulli(double p, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return () -> random.nextDouble() < p ? 1 : 0;
  }

  static DoubleSupplier gaussian(double mean, double std, long seed) {
    Random random = new Random(seed);
    return () -> mean + std * random.nextGaussian();
  }
}
