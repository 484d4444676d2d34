package dev.mlops.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests move by hand, in milliseconds, in UTC. It can also tick by a fixed amount each
 * time it is read, so that consecutive readings differ (ordering by time stays deterministic).
 */
public final class TestClock extends Clock {
  private final AtomicLong millis;
  private final long tickMillis;

  private TestClock(Instant start, Duration tickPerReading) {
    this.millis = new AtomicLong(start.toEpochMilli());
    this.tickMillis = tickPerReading.toMillis();
  }

  /**
   * A clock that stands at {@code start} until moved.
   *
   * @param start the first reading
   * @return the clock
   */
  public static TestClock at(Instant start) {
    return new TestClock(start, Duration.ZERO);
  }

  /**
   * A clock that moves by {@code tick} after each reading, besides being moved by hand.
   *
   * @param start the first reading
   * @param tick how far each reading moves it
   * @return the clock
   */
  public static TestClock ticking(Instant start, Duration tick) {
    return new TestClock(start, tick);
  }

  /**
   * Moves the clock forward (or back, for a negative duration).
   *
   * @param by how far
   */
  public void advance(Duration by) {
    millis.addAndGet(by.toMillis());
  }

  /**
   * Sets the next reading.
   *
   * @param epochMillis milliseconds since the epoch
   */
  public void set(long epochMillis) {
    millis.set(epochMillis);
  }

  @Override
  public long millis() {
    return millis.getAndAdd(tickMillis);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
