package dev.mlops.benchmarks.drift;

import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorKind;
import dev.mlops.api.drift.DetectorState;
import dev.mlops.core.internal.drift.stream.ChangeDetectors;
import dev.mlops.core.internal.drift.stream.DriftingStream;
import java.util.Arrays;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Measures every streaming detector at its defaults over many seeds, on the streams of
 * {@code ChangeDetectorsTest}: false alarms in 100,000 stationary values (Bernoulli(0.2); KSWIN
 * and Page-Hinkley also N(0, 1)) and the delay after an abrupt change at 10,000 values (error rate
 * 0.2 to 0.7; KSWIN N(0, 1) to N(1, 1)); then Page-Hinkley's threshold λ against its false alarms
 * and delay on unit-variance data. docs/drift.md quotes the output. Counts events, so it is a
 * plain program rather than a JMH benchmark.
 *
 * <pre>
 * java -cp mlops-benchmarks/target/benchmarks.jar dev.mlops.benchmarks.drift.ChangeDetectorMeasurement [seeds] [kinds]
 * </pre>
 */
public final class ChangeDetectorMeasurement {
  static final int CHANGE = 10_000;
  static final int STATIONARY = 100_000;

  private ChangeDetectorMeasurement() {}

  /**
   * Runs the measurements.
   *
   * @param args number of seeds (1,000; seeds 1 to that) and optionally a comma-separated list of
   *     kinds (all)
   */
  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    DetectorKind[] kinds = args.length > 1
        ? Arrays.stream(args[1].split(",")).map(DetectorKind::fromCliName).toArray(DetectorKind[]::new)
        : DetectorKind.values();
    for (DetectorKind kind : kinds) {
      Map<String, Double> defaults = Map.of();
      boolean gaussian = kind == DetectorKind.KSWIN;
      falseAlarms(kind, defaults, seeds, "Bernoulli(0.2)", seed -> DriftingStream.bernoulli(0.2, seed));
      if (kind == DetectorKind.KSWIN || kind == DetectorKind.PAGE_HINKLEY) {
        falseAlarms(kind, defaults, seeds, "N(0,1)", seed -> DriftingStream.gaussian(0, 1, seed));
      }
      delays(kind, defaults, seeds, gaussian ? "N(0,1) -> N(1,1)" : "0.2 -> 0.7", seed -> gaussian
          ? DriftingStream.abrupt(DriftingStream.gaussian(0, 1, seed), DriftingStream.gaussian(1, 1, seed + 100), CHANGE)
          : DriftingStream.abrupt(DriftingStream.bernoulli(0.2, seed), DriftingStream.bernoulli(0.7, seed + 100),
              CHANGE));
    }
    if (Arrays.asList(kinds).contains(DetectorKind.PAGE_HINKLEY)) {
      for (double lambda : new double[] {50, 100, 150, 200, 300}) {
        Map<String, Double> params = Map.of("lambda", lambda);
        falseAlarms(DetectorKind.PAGE_HINKLEY, params, seeds, "N(0,1)", seed -> DriftingStream.gaussian(0, 1, seed));
        for (double shift : new double[] {0.5, 1}) {
          delays(DetectorKind.PAGE_HINKLEY, params, seeds, "N(0,1) -> N(" + shift + ",1)",
              seed -> DriftingStream.abrupt(DriftingStream.gaussian(0, 1, seed),
                  DriftingStream.gaussian(shift, 1, seed + 100), CHANGE));
        }
      }
    }
  }

  private static void falseAlarms(DetectorKind kind, Map<String, Double> params, int seeds, String stream,
      java.util.function.LongFunction<DoubleSupplier> source) {
    long[] alarms = new long[seeds];
    for (int seed = 1; seed <= seeds; seed++) {
      ChangeDetector detector = ChangeDetectors.create(kind, params);
      DoubleSupplier values = source.apply(seed);
      for (int i = 0; i < STATIONARY; i++) {
        alarms[seed - 1] += detector.update(values.getAsDouble()) == DetectorState.DRIFT ? 1 : 0;
      }
    }
    double mean = Arrays.stream(alarms).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(alarms).mapToDouble(a -> (a - mean) * (a - mean)).sum() / (seeds - 1));
    long[] sorted = alarms.clone();
    Arrays.sort(sorted);
    System.out.printf("%s %s false alarms per 100k on %s, seeds 1-%d: mean %.2f (sd %.2f) median %d p95 %d p99 %d"
        + " max %d%n", kind.cliName(), params, stream, seeds, mean, sd, sorted[seeds / 2],
        sorted[(int) (seeds * 0.95)], sorted[(int) (seeds * 0.99)], sorted[seeds - 1]);
  }

  private static void delays(DetectorKind kind, Map<String, Double> params, int seeds, String stream,
      java.util.function.LongFunction<DoubleSupplier> source) {
    long[] delays = new long[seeds];
    int missed = 0;
    int within100 = 0;
    for (int seed = 1; seed <= seeds; seed++) {
      ChangeDetector detector = ChangeDetectors.create(kind, params);
      DoubleSupplier values = source.apply(seed);
      long delay = -1;
      for (int i = 0; i < CHANGE + 20_000 && delay < 0; i++) {
        if (detector.update(values.getAsDouble()) == DetectorState.DRIFT && i >= CHANGE) {
          delay = i - CHANGE;
        }
      }
      missed += delay < 0 ? 1 : 0;
      within100 += delay >= 0 && delay < 100 ? 1 : 0;
      delays[seed - 1] = delay < 0 ? Long.MAX_VALUE : delay;
    }
    long[] sorted = delays.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(delays).filter(d -> d != Long.MAX_VALUE).average().orElse(Double.NaN);
    double sd = Math.sqrt(Arrays.stream(delays).filter(d -> d != Long.MAX_VALUE)
        .mapToDouble(d -> (d - mean) * (d - mean)).sum() / (seeds - missed - 1));
    System.out.printf("%s %s delay after %s at %d, seeds 1-%d: mean %.1f (sd %.1f) median %d p90 %d p99 %d max %s;"
        + " within 100 values %d; missed (none in 20,000) %d%n", kind.cliName(), params, stream, CHANGE, seeds, mean, sd,
        sorted[seeds / 2], sorted[(int) (seeds * 0.9)], sorted[(int) (seeds * 0.99)],
        sorted[seeds - 1] == Long.MAX_VALUE ? "missed" : Long.toString(sorted[seeds - 1]), within100, missed);
  }
}
