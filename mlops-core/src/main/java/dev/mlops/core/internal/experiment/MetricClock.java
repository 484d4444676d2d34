package dev.mlops.core.internal.experiment;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Where a live run's metric timestamps come from. Reading the system clock costs 25-40 ns on the
 * machines we measured (more than the rest of {@code log()} together), so with the default system
 * clock a metric point takes its timestamp from a field that one daemon thread of the tracker's
 * {@link Ticker}, {@code mlops-clock}, refreshes every half millisecond while metrics are being
 * logged: the stamp is the system time of at most about half a millisecond earlier (later only if
 * the ticker thread is starved of CPU). Any other {@link Clock} given to the SDK (a fixed clock in
 * tests, a user's own source) is read on every call.
 */
final class MetricClock {
  static final long TICK_NANOS = 500_000L;
  /** 100 ms of ticks without a reading send the ticker to sleep. */
  static final int IDLE_TICKS = 200;

  private final Clock clock;
  private final @Nullable Ticker ticker;
  private boolean released;

  private MetricClock(Clock clock, @Nullable Ticker ticker) {
    this.clock = clock;
    this.ticker = ticker;
  }

  /** Milliseconds since the epoch for a metric point. */
  long millis() {
    Ticker t = ticker;
    if (t == null) {
      return clock.millis();
    }
    if (!t.read) {
      t.read = true; // written once per tick at most: a read of a shared line, rarely a write
    }
    return t.awake ? t.cachedMillis : t.wake();
  }

  /** Ends this run's use of the ticker; its thread stops when no run uses it. Idempotent. */
  void release() {
    Ticker t = ticker;
    if (t == null) {
      return;
    }
    synchronized (t) {
      if (!released) {
        released = true;
        t.release();
      }
    }
  }

  /**
   * The ticking field and its thread, one per tracker (so one per {@code MlOps}). The thread
   * runs while a run of the tracker is live; after {@link #IDLE_TICKS} ticks without a reading it
   * sleeps (ticking costs about 4 % of a core, too much for a service whose run logs a point a
   * minute); meanwhile readings take the system time directly and the first of them wakes it.
   */
  static final class Ticker {
    private final ThreadFactory threads;
    private final LongSupplier systemMillis;
    private volatile long cachedMillis;
    /** True while the thread ticks, so {@link #cachedMillis} is fresh. */
    private volatile boolean awake;
    /** Set by readings, cleared by the thread each tick: was the clock read since? */
    private volatile boolean read;
    /** Set by the reading that wakes a sleeping thread, so the others need not. */
    private volatile boolean wakeAsked;
    private int users; // guarded by this
    private volatile @Nullable Thread thread;

    /**
     * Creates a ticker on the system clock.
     *
     * @param threads makes the {@code mlops-clock} thread (its owner waits for it on close)
     */
    Ticker(ThreadFactory threads) {
      this(threads, System::currentTimeMillis);
    }

    /**
     * Creates a ticker on a time source of its own (tests drive it).
     *
     * @param threads makes the ticking thread
     * @param systemMillis stands for {@link System#currentTimeMillis()}
     */
    Ticker(ThreadFactory threads, LongSupplier systemMillis) {
      this.threads = requireNonNull(threads, "threads");
      this.systemMillis = requireNonNull(systemMillis, "systemMillis");
    }

    /**
     * Returns the timestamp source of one live run; {@link MetricClock#release()} it when the
     * run ends.
     *
     * @param clock the SDK's clock; the ticking field stands in for it only if it is the system
     *     clock in UTC
     * @return the source
     */
    MetricClock forRun(Clock clock) {
      if (!clock.equals(Clock.systemUTC())) {
        return new MetricClock(clock, null);
      }
      synchronized (this) {
        if (users++ == 0) {
          awake = false; // until the new thread has stamped the field
          Thread started = threads.newThread(this::tick);
          thread = started;
          started.start();
        }
      }
      return new MetricClock(clock, this);
    }

    /** The ticking thread while one runs, for tests. */
    @Nullable Thread thread() {
      return thread;
    }

    /** The time for a reading while the thread sleeps (or starts): the system's, and wake it. */
    private long wake() {
      if (!wakeAsked) {
        wakeAsked = true;
        Thread t = thread;
        if (t != null) {
          LockSupport.unpark(t);
        }
      }
      return systemMillis.getAsLong();
    }

    private synchronized void release() {
      if (--users == 0) {
        Thread t = thread;
        thread = null;
        LockSupport.unpark(t);
      }
    }

    private void tick() {
      Thread self = Thread.currentThread();
      int idle = 0;
      while (thread == self) { // else released by the last run, or replaced by a newer thread
        cachedMillis = systemMillis.getAsLong();
        if (!awake) {
          awake = true;
        }
        if (read) {
          read = false;
          idle = 0;
        } else if (++idle >= IDLE_TICKS) {
          awake = false;
          wakeAsked = false;
          // A reading after awake = false sets read before it unparks; a spurious wake-up (or an
          // unpark from before) finds read still false and parks again, so only a reading or the
          // release of the last run ends the sleep.
          while (!read && thread == self) {
            LockSupport.park(this);
          }
          idle = 0;
          continue;
        }
        LockSupport.parkNanos(this, TICK_NANOS);
      }
    }
  }
}
