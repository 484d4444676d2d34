package dev.mlops.core.internal.validation;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Peak memory growth over a stretch of work, measured, not estimated.
 *
 * <ul>
 *   <li>Heap: the JVM's heap pools' peak usage ({@link MemoryPoolMXBean#getPeakUsage()}, reset at
 *       the start) summed over pools, minus the heap in use at the start. Pool peaks need not
 *       coincide, so the sum is an upper bound; it counts garbage allocated before a collection.
 *   <li>Native: on Linux, the process's peak resident set ({@code VmHWM} in
 *       {@code /proc/self/status}, reset at the start by writing {@code 5} to
 *       {@code /proc/self/clear_refs}) minus the resident set ({@code VmRSS}) at the start. It
 *       counts every page the process newly touched (ONNX Runtime's arenas, and heap pages touched
 *       for the first time). Where the reset is refused, the peak is the larger of {@code VmHWM}
 *       and {@code VmRSS} at the end, a lower bound of the true peak growth. -1 off Linux.
 * </ul>
 *
 * Both count the whole process: other threads working at the same time inflate them.
 */
final class MemoryProbe {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private final long heapAtStart;
  private final long residentAtStart;
  private final boolean peakReset;

  /** Peak growth in bytes; -1 where it cannot be measured. */
  record Peak(long heapBytes, long nativeBytes) {}

  private MemoryProbe(long heapAtStart, long residentAtStart, boolean peakReset) {
    this.heapAtStart = heapAtStart;
    this.residentAtStart = residentAtStart;
    this.peakReset = peakReset;
  }

  static MemoryProbe start() {
    long heap = 0;
    for (MemoryPoolMXBean pool : heapPools()) {
      heap += pool.getUsage().getUsed();
      pool.resetPeakUsage();
    }
    boolean reset = false;
    try {
      Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
      reset = true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // not Linux, or not allowed: fall back to the end-of-run reading (documented above)
    }
    return new MemoryProbe(heap, statusKib("VmRSS:") * 1024, reset);
  }

  Peak peak() {
    long heapPeak = 0;
    for (MemoryPoolMXBean pool : heapPools()) {
      heapPeak += pool.getPeakUsage().getUsed();
    }
    long nativeBytes = -1;
    long hwm = statusKib("VmHWM:");
    if (residentAtStart >= 0 && hwm >= 0) {
      long peakResident = peakReset ? hwm * 1024 : Math.max(hwm, statusKib("VmRSS:")) * 1024;
      nativeBytes = Math.max(0, peakResident - residentAtStart);
    }
    return new Peak(Math.max(0, heapPeak - heapAtStart), nativeBytes);
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
  }

  /** Reads a {@code kB} line of /proc/self/status; -1 if unavailable. */
  private static long statusKib(String field) {
    try {
      for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
