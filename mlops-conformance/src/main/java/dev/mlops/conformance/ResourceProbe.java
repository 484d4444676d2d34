package dev.mlops.conformance;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** Measures what the kit's resource assertions compare: live heap and open file descriptors. */
final class ResourceProbe {
  private ResourceProbe() {}

  /**
   * Returns the heap in use after a full collection, so garbage does not count, only what is
   * still reachable; or -1 if the JVM ignored {@link System#gc()} (-XX:+DisableExplicitGC).
   */
  static long liveHeap() {
    long collections = collections();
    System.gc();
    if (collections() == collections) {
      return -1;
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Returns the number of open file descriptors, or -1 where the JVM cannot tell. */
  static long openFileDescriptors() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getOpenFileDescriptorCount();
    }
    return -1;
  }

  private static long collections() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionCount());
    }
    return total;
  }
}
