package dev.mlops.core.internal.gc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a process so that another process can tell, with certainty, that it has ended: the kernel's
 * boot id and the pid namespace (so only processes that see the same pids judge), the pid, and the
 * process's start time (pids are reused). Written into leases, it lets a collection or a writer on
 * the same machine take over at once from a holder that was killed, instead of waiting for its
 * lease to run out. Where the kernel does not say (no {@code /proc}), it is empty and only the
 * lease's expiry counts.
 */
final class ProcessIdentity {
  private static final Pattern FORMAT = Pattern.compile("([0-9a-f-]+)/(\\d+)/(\\d+)/(\\d+)");
  private static final Optional<String> MACHINE = machine();
  private static final String CURRENT = MACHINE.map(m -> m + "/" + ProcessHandle.current().pid()
      + "/" + startMillis(ProcessHandle.current())).orElse("");

  private ProcessIdentity() {}

  /** This process's identity, or "" where the kernel does not say. */
  static String current() {
    return CURRENT;
  }

  /**
   * Tells whether the process named by {@code identity} has certainly ended.
   *
   * @param identity what {@link #current()} returned in some process
   * @return true only for a process of this machine and pid namespace that is gone (or whose pid
   *     now belongs to a process started at another time)
   */
  static boolean ended(String identity) {
    Matcher m = FORMAT.matcher(identity);
    if (MACHINE.isEmpty() || !m.matches()
        || !MACHINE.get().equals(m.group(1) + "/" + m.group(2))) {
      return false;
    }
    long pid;
    long start;
    try {
      pid = Long.parseLong(m.group(3));
      start = Long.parseLong(m.group(4));
    } catch (NumberFormatException e) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    return process.isEmpty() || !process.get().isAlive() || startMillis(process.get()) != start;
  }

  private static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
  }

  /** The boot id and the pid namespace's inode, as {@code <boot id>/<inode>}. */
  private static Optional<String> machine() {
    try {
      String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
      String namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
      Matcher inode = Pattern.compile("pid:\\[(\\d+)]").matcher(namespace);
      if (!boot.matches("[0-9a-f-]+") || !inode.matches()
          || startMillis(ProcessHandle.current()) < 0) {
        return Optional.empty();
      }
      return Optional.of(boot + "/" + inode.group(1));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }
}
