package dev.mlops.benchmarks.mlflow;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The process's CPU time per request over one JMH iteration, split by thread into the server's
 * threads, every other Java thread (the clients and JMH's), and the rest (garbage collection and
 * the JIT compiler, which are not Java threads). On a loaded machine the requests per second
 * follow the share of the cores the process gets; CPU time per request does not, and two cores
 * divided by it is the rate the machine could reach with nothing else running.
 */
final class CpuPerRequest {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Predicate<String> serverThread;
  private final LongAdder requests = new LongAdder();
  private Map<Long, Long> started = new HashMap<>();
  private long processStarted;
  private long requestsStarted;

  /**
   * @param serverThread tells the server's threads by name
   */
  CpuPerRequest(Predicate<String> serverThread) {
    this.serverThread = serverThread;
  }

  /** Counts one answered request. */
  void request() {
    requests.increment();
  }

  /** Starts an iteration's account. */
  void begin() {
    started = cpuByThread();
    processStarted = os.getProcessCpuTime();
    requestsStarted = requests.sum();
  }

  /**
   * Ends the iteration's account.
   *
   * @return e.g. {@code cpu µs/request: server 40.1, other java 50.2, gc+jit 5.0, process 95.3 (60000 requests)}
   */
  String end() {
    long process = os.getProcessCpuTime() - processStarted;
    long count = Math.max(1, requests.sum() - requestsStarted);
    long server = 0;
    long others = 0;
    for (Map.Entry<Long, Long> now : cpuByThread().entrySet()) {
      ThreadInfo info = threads.getThreadInfo(now.getKey());
      if (info == null) {
        continue;
      }
      long used = now.getValue() - started.getOrDefault(now.getKey(), 0L);
      if (serverThread.test(info.getThreadName())) {
        server += used;
      } else {
        others += used;
      }
    }
    return String.format("cpu µs/request: server %.1f, other java %.1f, gc+jit %.1f, process %.1f (%d requests)",
        server / 1e3 / count, others / 1e3 / count, (process - server - others) / 1e3 / count, process / 1e3 / count,
        count);
  }

  private Map<Long, Long> cpuByThread() {
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      long time = threads.getThreadCpuTime(id);
      if (time >= 0) {
        cpu.put(id, time);
      }
    }
    return cpu;
  }
}
