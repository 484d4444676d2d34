package dev.mlops.core.internal.experiment;

import dev.mlops.api.experiment.Run;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Logs process CPU load ({@code system.cpu}, 0..1), used heap ({@code system.heap_used}, bytes)
 * and total GC time ({@code system.gc_ms}) into a run at a fixed interval, on the SDK executor.
 */
final class SystemMetricsSampler implements Runnable {
  private final Run run;
  private final long intervalNanos;
  private volatile boolean stopped;
  private volatile Thread thread;

  SystemMetricsSampler(Run run, Duration interval) {
    this.run = run;
    this.intervalNanos = interval.toNanos();
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    while (!stopped) {
      double cpu = os instanceof com.sun.management.OperatingSystemMXBean sun
          ? sun.getProcessCpuLoad() : Double.NaN;
      long gcMillis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        gcMillis += Math.max(0, gc.getCollectionTime());
      }
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      try {
        run.log("system.cpu", cpu);
        run.log("system.heap_used", heap);
        run.log("system.gc_ms", gcMillis);
      } catch (IllegalStateException closed) {
        return;
      }
      LockSupport.parkNanos(this, intervalNanos);
    }
  }

  void stop() {
    stopped = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }
}
