package dev.mlops.core.internal.experiment;

import java.time.Clock;
import java.util.concurrent.locks.LockSupport;

/**
 * Where metric timestamps come from. Reading the system clock costs 25-40 ns on the machines we
 * measured (more than the rest of {@code log()} together), so with the default system clock a
 * metric point takes its timestamp from a field that one daemon thread, {@code mlops-clock},
 * refreshes every half millisecond while metrics are being logged: the stamp is the system time
 * of at most about half a millisecond earlier (later only if the ticker thread is starved of
 * CPU). After {@link #IDLE_TICKS} ticks without a reading the ticker sleeps (ticking costs about
 * 4 % of a core, too much for a service whose run logs a point a minute); meanwhile readings
 * take the system time directly and the first of them wakes the ticker. Any other {@link Clock}
 * given to the SDK (a fixed clock in tests, a user's own source) is read on every call.
 */
final class MetricClock {
  static final long TICK_NANOS = 500_000L;
  /** 100 ms of ticks without a reading send the ticker to sleep. */
  static final int IDLE_TICKS = 200;

  private static final Object LOCK = new Object();
  private static volatile long cachedMillis = System.currentTimeMillis();
  /** True while the ticker ticks, so {@link #cachedMillis} is fresh. */
  private static volatile boolean awake;
  /** Set by readings, cleared by the ticker each tick: was the clock read since? */
  private static volatile boolean read;
  /** Set by the reading that wakes a sleeping ticker, so the others need not. */
  private static volatile boolean wakeAsked;
  private static int users;
  private static volatile Thread ticker;

  private final Clock clock;
  private final boolean ticking;
  private boolean released;

  private MetricClock(Clock clock, boolean ticking) {
    this.clock = clock;
    this.ticking = ticking;
  }

  /**
   * Returns the timestamp source of one live run; {@link #release()} it when the run ends.
   *
   * @param clock the SDK's clock; the ticking field stands in for it only if it is the system
   *     clock in UTC
   * @return the source
   */
  static MetricClock forRun(Clock clock) {
    boolean system = clock.equals(Clock.systemUTC());
    if (system) {
      synchronized (LOCK) {
        if (users++ == 0) {
          awake = false; // until the new ticker has stamped the field
          ticker = new Thread(MetricClock::tick, "mlops-clock");
          ticker.setDaemon(true);
          ticker.start();
        }
      }
    }
    return new MetricClock(clock, system);
  }

  /** Milliseconds since the epoch for a metric point. */
  long millis() {
    if (!ticking) {
      return clock.millis();
    }
    if (!read) {
      read = true; // written once per tick at most: a read of a shared line, rarely a write
    }
    return awake ? cachedMillis : wakeTicker();
  }

  /** The time for a reading while the ticker sleeps (or starts): the system's, and wake it. */
  private static long wakeTicker() {
    if (!wakeAsked) {
      wakeAsked = true;
      Thread t = ticker;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
    return System.currentTimeMillis();
  }

  /** Ends this run's use of the ticker; the thread stops when no run uses it. Idempotent. */
  void release() {
    if (!ticking) {
      return;
    }
    synchronized (LOCK) {
      if (released) {
        return;
      }
      released = true;
      if (--users == 0) {
        LockSupport.unpark(ticker);
        ticker = null;
      }
    }
  }

  private static void tick() {
    Thread self = Thread.currentThread();
    int idle = 0;
    while (ticker == self) { // else released by the last run, or replaced by a newer ticker
      cachedMillis = System.currentTimeMillis();
      if (!awake) {
        awake = true;
      }
      if (read) {
        read = false;
        idle = 0;
      } else if (++idle >= IDLE_TICKS) {
        awake = false;
        wakeAsked = false;
        if (!read) { // a reading after awake = false either shows here or unparks the park
          LockSupport.park(MetricClock.class);
        }
        idle = 0;
        continue;
      }
      LockSupport.parkNanos(TICK_NANOS);
    }
  }
}
