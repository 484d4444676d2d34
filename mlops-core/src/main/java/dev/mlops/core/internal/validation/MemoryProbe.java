package dev.mlops.core.internal.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak native memory growth over a stretch of work, measured, not estimated: on Linux, the
 * process's peak resident set ({@code VmHWM} in {@code /proc/self/status}, reset at the start by
 * writing {@code 5} to {@code /proc/self/clear_refs}) minus the resident set ({@code VmRSS}) at the
 * start. It counts every page the process newly touched (ONNX Runtime's session and arenas, and
 * heap pages touched for the first time). Where the reset is refused, the peak is the larger of
 * {@code VmHWM} and {@code VmRSS} at the end, a lower bound of the true peak growth. -1 off Linux.
 * It counts the whole process: other threads working at the same time inflate it. ONNX Runtime's
 * Java API reports no memory figure of its own, so this is the session's native memory as the
 * operating system sees it. The heap side is measured per call instead ({@link ThreadAllocations}):
 * heap pool peaks move in whole G1 regions and said nothing about the model.
 */
final class MemoryProbe {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private final long residentAtStart;
  private final boolean peakReset;

  private MemoryProbe(long residentAtStart, boolean peakReset) {
    this.residentAtStart = residentAtStart;
    this.peakReset = peakReset;
  }

  static MemoryProbe start() {
    boolean reset = false;
    try {
      Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
      reset = true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // not Linux, or not allowed: fall back to the end-of-run reading (documented above)
    }
    return new MemoryProbe(statusKib("VmRSS:") * 1024, reset);
  }

  /** Returns the peak resident growth since {@link #start()} in bytes; -1 where not measurable. */
  long peakNativeBytes() {
    long nativeBytes = -1;
    long hwm = statusKib("VmHWM:");
    if (residentAtStart >= 0 && hwm >= 0) {
      long peakResident = peakReset ? hwm * 1024 : Math.max(hwm, statusKib("VmRSS:")) * 1024;
      nativeBytes = Math.max(0, peakResident - residentAtStart);
    }
    return nativeBytes;
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
