package dev.mlops.server.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.MetricHistory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A metric's points for one chart: the whole history downsampled, or a window of steps (a zoom)
 * downsampled from a finer read, so zooming in shows more detail while the answer stays small.
 */
record MetricSeries(String run, String key, long[] steps, double[] values) {
  static final int DEFAULT_POINTS = 800;
  static final int MAX_POINTS = 5_000;
  /**
   * The most points read for a zoomed window. The API reads a history downsampled to a size but
   * not a step range, so a window 100 times narrower than the history reads 100 times more points,
   * up to this bound (a few MB).
   */
  static final int MAX_DETAIL = 200_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  static MetricSeries read(ExperimentLogger experiments, String run, String key, int points, @Nullable Double from,
      @Nullable Double to) {
    MetricHistory coarse = experiments.history(run, key, points);
    if ((from == null && to == null) || coarse.size() < 2) {
      return new MetricSeries(run, key, coarse.steps(), coarse.values());
    }
    // The downsampled history keeps the first and last points, so it spans the whole history.
    long first = coarse.step(0);
    long last = coarse.step(coarse.size() - 1);
    double low = from == null ? first : Math.max(first, from);
    double high = to == null ? last : Math.min(last, to);
    if (high < low) {
      return new MetricSeries(run, key, new long[0], new double[0]);
    }
    double zoom = (last - first) / Math.max(1.0, high - low);
    int detail = (int) Math.min(MAX_DETAIL, Math.max(points, points * zoom));
    MetricHistory fine = detail <= points ? coarse : experiments.history(run, key, detail);
    long[] steps = fine.steps();
    double[] values = fine.values();
    int start = 0;
    while (start < steps.length && steps[start] < low) {
      start++;
    }
    int end = start;
    while (end < steps.length && steps[end] <= high) {
      end++;
    }
    long[] windowSteps = java.util.Arrays.copyOfRange(steps, start, end);
    double[] windowValues = java.util.Arrays.copyOfRange(values, start, end);
    return Lttb.downsample(run, key, windowSteps, windowValues, points);
  }

  String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run", run);
    json.put("key", key);
    json.put("steps", steps);
    json.put("values", values);
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a series of numbers always serializes", e);
    }
  }

  /** Largest-triangle-three-buckets: keeps the points that shape the curve, and the first and last. */
  static final class Lttb {
    private Lttb() {}

    static MetricSeries downsample(String run, String key, long[] steps, double[] values, int points) {
      int n = steps.length;
      if (n <= points) {
        return new MetricSeries(run, key, steps, values);
      }
      long[] outSteps = new long[points];
      double[] outValues = new double[points];
      outSteps[0] = steps[0];
      outValues[0] = values[0];
      double bucket = (double) (n - 2) / (points - 2);
      int chosen = 0;
      for (int i = 0; i < points - 2; i++) {
        int nextStart = (int) Math.floor((i + 1) * bucket) + 1;
        int nextEnd = Math.min(n, (int) Math.floor((i + 2) * bucket) + 1);
        double averageX = 0;
        double averageY = 0;
        for (int j = nextStart; j < nextEnd; j++) {
          averageX += steps[j];
          averageY += values[j];
        }
        int count = Math.max(1, nextEnd - nextStart);
        averageX /= count;
        averageY /= count;
        int start = (int) Math.floor(i * bucket) + 1;
        int end = (int) Math.floor((i + 1) * bucket) + 1;
        double bestArea = -1;
        int best = start;
        for (int j = start; j < end; j++) {
          double area = Math.abs((steps[chosen] - averageX) * (values[j] - values[chosen])
              - (steps[chosen] - steps[j]) * (averageY - values[chosen]));
          if (area > bestArea) {
            bestArea = area;
            best = j;
          }
        }
        outSteps[i + 1] = steps[best];
        outValues[i + 1] = values[best];
        chosen = best;
      }
      outSteps[points - 1] = steps[n - 1];
      outValues[points - 1] = values[n - 1];
      return new MetricSeries(run, key, outSteps, outValues);
    }
  }
}
