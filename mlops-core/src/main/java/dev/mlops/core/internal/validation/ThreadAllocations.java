package dev.mlops.core.internal.validation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The heap bytes the current thread has allocated so far, from the JVM's per-thread counter
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}, exact to the object on
 * HotSpot: it adds the used part of the thread's current allocation buffer). A difference of two
 * readings is what the thread allocated in between, whether or not it became garbage, and
 * whatever other threads did meanwhile.
 */
final class ThreadAllocations {
  private ThreadAllocations() {}

  /** Returns the bytes allocated by the current thread so far; -1 where the JVM cannot count them. */
  static long current() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (threads instanceof com.sun.management.ThreadMXBean counting
        && counting.isThreadAllocatedMemorySupported() && counting.isThreadAllocatedMemoryEnabled()) {
      return counting.getCurrentThreadAllocatedBytes();
    }
    return -1;
  }
}
