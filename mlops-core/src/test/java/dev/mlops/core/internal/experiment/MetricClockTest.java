package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class MetricClockTest {
  /**
   * Waits up to 5 s for the condition: the ticker is a daemon thread, and on a loaded machine it may
   * not be scheduled within any fixed sleep. A stopped ticker still fails, after the timeout.
   */
  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  @Test
  void aClockOtherThanTheSystemClockIsReadOnEveryCall() {
    MetricClock clock = MetricClock.forRun(
        TestClock.ticking(Instant.ofEpochMilli(1_000), Duration.ofMillis(1)));
    assertEquals(1_000, clock.millis());
    assertEquals(1_001, clock.millis());
    clock.release();
  }

  @Test
  void theSystemClockStampsTheCurrentTimeAndKeepsMovingWhileARunIsLive() throws Exception {
    MetricClock clock = MetricClock.forRun(Clock.systemUTC());
    try {
      long before = System.currentTimeMillis();
      long first = clock.millis();
      assertTrue(first >= before - 1 && first <= System.currentTimeMillis(),
          "fresh when the run starts: " + first + " vs " + before);
      assertTrue(eventually(() -> clock.millis() >= first + 40), "the ticker advanced it from " + first);
      assertTrue(clock.millis() <= System.currentTimeMillis(), "never ahead of the system clock");
    } finally {
      clock.release();
    }
  }

  @Test
  void anUnreadTickerSleepsAndTheNextReadingIsStillCurrentAndWakesIt() throws Exception {
    MetricClock clock = MetricClock.forRun(Clock.systemUTC());
    try {
      clock.millis();
      // 100 ms without a reading: the ticker parks without a timeout (WAITING, not TIMED_WAITING)
      assertTrue(eventually(() -> tickerState() == Thread.State.WAITING), "the ticker sleeps");
      Thread.sleep(50); // the cached stamp is now at least 50 ms old
      long before = System.currentTimeMillis();
      long stamp = clock.millis();
      assertTrue(stamp >= before && stamp <= System.currentTimeMillis(),
          "a reading while the ticker sleeps is the current time: " + stamp + " vs " + before);
      assertTrue(eventually(() -> tickerState() == Thread.State.TIMED_WAITING),
          "the reading woke the ticker");
      long at = clock.millis();
      assertTrue(eventually(() -> clock.millis() >= at + 20), "and it ticks again");
    } finally {
      clock.release();
    }
  }

  private static Thread.State tickerState() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("mlops-clock") && t.isAlive())
        .map(Thread::getState).findFirst().orElse(Thread.State.TERMINATED);
  }

  @Test
  void theTickerStopsWhenTheLastRunReleasesItAndReleasingTwiceIsHarmless() throws Exception {
    MetricClock first = MetricClock.forRun(Clock.systemUTC());
    MetricClock second = MetricClock.forRun(Clock.systemUTC());
    first.release();
    first.release(); // must not count twice: the second run still needs the ticker
    long at = second.millis();
    assertTrue(eventually(() -> second.millis() >= at + 20), "still ticking for the second run");
    second.release();
    MetricClock third = MetricClock.forRun(Clock.systemUTC());
    Thread.sleep(30);
    assertTrue(eventually(() -> Math.abs(third.millis() - System.currentTimeMillis()) < 20),
        "a run started after a stop gets a fresh, ticking clock");
    third.release();
  }
}
