package dev.mlops.server.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The chart window's downsampling (largest-triangle-three-buckets). */
class DownsampleTest {
  @Property
  void keepsFirstAndLastAndOnlyGivenPointsInOrder(@ForAll @Size(min = 3, max = 400) double[] values,
      @ForAll @IntRange(min = 3, max = 50) int points) {
    long[] steps = new long[values.length];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = 10L * i;
    }
    MetricSeries series = MetricSeries.Lttb.downsample("r", "k", steps, values, points);
    assertEquals(Math.min(points, values.length), series.steps().length);
    assertEquals(steps[0], series.steps()[0]);
    assertEquals(steps[steps.length - 1], series.steps()[series.steps().length - 1]);
    for (int i = 0; i < series.steps().length; i++) {
      int index = (int) (series.steps()[i] / 10);
      assertEquals(Double.doubleToLongBits(values[index]), Double.doubleToLongBits(series.values()[i]));
      if (i > 0) {
        assertTrue(series.steps()[i] > series.steps()[i - 1], "strictly increasing steps");
      }
    }
  }

  @Test
  void keepsASpikeThatAveragingWouldHide() {
    long[] steps = new long[1_000];
    double[] values = new double[1_000];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = i;
    }
    values[617] = 100;  // one spike in a flat line
    MetricSeries series = MetricSeries.Lttb.downsample("r", "k", steps, values, 20);
    assertTrue(Arrays.stream(series.steps()).anyMatch(step -> step == 617), Arrays.toString(series.steps()));
  }

  @Test
  void shorterThanAskedIsReturnedWhole() {
    long[] steps = {1, 2, 3};
    double[] values = {0.5, 0.25, 0.125};
    MetricSeries series = MetricSeries.Lttb.downsample("r", "k", steps, values, 10);
    assertArrayEquals(steps, series.steps());
    assertArrayEquals(values, series.values());
  }
}
