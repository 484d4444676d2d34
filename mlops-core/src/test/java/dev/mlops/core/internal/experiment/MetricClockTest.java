package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.internal.lifecycle.OwnedThreads;
import dev.mlops.core.testing.Eventually;
import dev.mlops.core.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ticker reads a time source the test sets ({@link #now}), so every stamp is an exact value:
 * no assertion depends on how fast the ticker thread is scheduled. Waiting for the thread to move
 * (or to sleep) is bounded only against a hang ({@link Eventually}).
 */
class MetricClockTest {
  private final OwnedThreads threads = new OwnedThreads();
  private final AtomicLong now = new AtomicLong(1_000);
  private final MetricClock.Ticker ticker = new MetricClock.Ticker(threads.named("mlops-clock"),
      now::get);

  @AfterEach
  void everyTickerThreadEnded() {
    assertEquals(List.of(), threads.close(Duration.ofMinutes(1)));
  }

  @Test
  void aClockOtherThanTheSystemClockIsReadOnEveryCallAndStartsNoThread() {
    MetricClock clock = ticker.forRun(
        TestClock.ticking(Instant.ofEpochMilli(1_000), Duration.ofMillis(1)));
    assertEquals(1_000, clock.millis());
    assertEquals(1_001, clock.millis());
    assertNull(ticker.thread());
    clock.release();
  }

  @Test
  void theSystemClockStampsTheCurrentTimeWhenARunStartsAndFollowsItWhileTheRunIsLive()
      throws Exception {
    MetricClock clock = ticker.forRun(Clock.systemUTC());
    try {
      assertEquals(1_000, clock.millis(), "fresh when the run starts");
      now.set(2_000);
      long stamp = clock.millis();
      assertTrue(stamp == 1_000 || stamp == 2_000, "never ahead of the time source: " + stamp);
      Eventually.await("the ticker follows the source", () -> clock.millis() == 2_000);
    } finally {
      clock.release();
    }
  }

  @Test
  void anUnreadTickerSleepsAndTheNextReadingIsCurrentAndWakesIt() throws Exception {
    MetricClock clock = ticker.forRun(Clock.systemUTC());
    try {
      clock.millis();
      Thread thread = ticker.thread();
      assertNotNull(thread);
      // 100 ms of ticks without a reading: it parks without a timeout (WAITING) until a reading
      Eventually.await("the ticker sleeps", () -> thread.getState() == Thread.State.WAITING);
      now.set(5_000);
      assertEquals(5_000, clock.millis(), "a reading while the ticker sleeps is the current time");
      now.set(6_000);
      Eventually.await("the reading woke the ticker", () -> clock.millis() == 6_000);
    } finally {
      clock.release();
    }
  }

  @Test
  void theTickerStopsWhenTheLastRunReleasesItAndReleasingTwiceIsHarmless() throws Exception {
    MetricClock first = ticker.forRun(Clock.systemUTC());
    MetricClock second = ticker.forRun(Clock.systemUTC());
    first.release();
    first.release(); // must not count twice: the second run still needs the ticker
    now.set(7_000);
    Eventually.await("still ticking for the second run", () -> second.millis() == 7_000);
    Thread thread = ticker.thread();
    assertNotNull(thread);
    second.release();
    thread.join(Duration.ofMinutes(1).toMillis());
    assertFalse(thread.isAlive(), "the thread ended with the last run");
    assertNull(ticker.thread());

    now.set(8_000);
    MetricClock third = ticker.forRun(Clock.systemUTC());
    try {
      assertEquals(8_000, third.millis(), "a run started after a stop gets a fresh clock");
      now.set(9_000);
      Eventually.await("and a ticking one", () -> third.millis() == 9_000);
    } finally {
      third.release();
    }
  }
}
