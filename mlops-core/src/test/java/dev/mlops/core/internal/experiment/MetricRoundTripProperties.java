package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.testing.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/** Whatever is logged and flushed reads back identical: order, steps, timestamps, value bits. */
class MetricRoundTripProperties {
  private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool();

  record Point(String key, double value, long step, long time) {}


  @AfterContainer
  static void stop() {
    EXECUTOR.shutdownNow();
  }

  @Property(tries = 60)
  void loggedAndFlushedPointsReadBackIdentical(@ForAll("points") List<Point> points) {
    TestClock clock = TestClock.at(Instant.ofEpochMilli(0)); // set before each point
    DefaultExperimentLogger tracker = new DefaultExperimentLogger(InMemoryObjectStore.create(),
        EXECUTOR, clock, new SimpleMeterRegistry(), TrackerSettings.DEFAULTS);
    // a small buffer so that long lists span many chunks and segments
    Run run = tracker.start(RunSpec.builder().experiment("prop")
        .bufferCapacity(RunSpec.MIN_BUFFER_CAPACITY).build());
    Map<String, List<Point>> expected = new LinkedHashMap<>();
    for (Point p : points) {
      clock.set(p.time());
      run.log(p.key(), p.value(), p.step());
      expected.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
    }
    run.flush(); // read before close: flush alone must make everything durable
    for (Map.Entry<String, List<Point>> e : expected.entrySet()) {
      MetricHistory history = tracker.history(run.id(), e.getKey());
      List<Point> want = e.getValue();
      assertEquals(want.size(), history.size());
      long[] steps = new long[want.size()];
      long[] bits = new long[want.size()];
      long[] gotBits = new long[want.size()];
      long[] times = new long[want.size()];
      for (int i = 0; i < want.size(); i++) {
        steps[i] = want.get(i).step();
        times[i] = want.get(i).time();
        bits[i] = Double.doubleToRawLongBits(want.get(i).value());
        gotBits[i] = Double.doubleToRawLongBits(history.value(i));
      }
      assertArrayEquals(steps, history.steps());
      assertArrayEquals(times, history.timestamps());
      assertArrayEquals(bits, gotBits, "value bits, NaN payloads included");
    }
    run.close();
  }

  @Provide
  Arbitrary<List<Point>> points() {
    Arbitrary<String> keys = Arbitraries.of("loss", "accuracy", "lr", "val.loss", "x_1");
    Arbitrary<Double> values = Arbitraries.oneOf(
        Arbitraries.doubles(),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, Double.longBitsToDouble(0x7ff8000000000123L)));
    Arbitrary<Long> steps = Arbitraries.oneOf(Arbitraries.longs().between(0, 1000),
        Arbitraries.longs().between(0, Long.MAX_VALUE));
    // timestamps near now, repeating, jumping or going back (a clock set back by NTP)
    Arbitrary<Long> times = Arbitraries.oneOf(Arbitraries.just(1_700_000_000_000L),
        Arbitraries.longs().between(1_700_000_000_000L - 5_000, 1_700_000_000_000L + 5_000));
    Arbitrary<Point> point = Combinators.combine(keys, values, steps, times).as(Point::new);
    return point.list().ofMaxSize(3000);
  }
}
