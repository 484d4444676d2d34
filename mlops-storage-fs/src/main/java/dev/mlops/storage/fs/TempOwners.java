package dev.mlops.storage.fs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names temporary files after the process that writes them, so that a cleaner can tell a file of a
 * process that died from a file of a live writer, however young or old either is:
 * {@code <pid>_<process start, epoch ms>_<host hash>_<counter>-<random>.tmp}. A pid alone is not enough
 * (pids are reused), so the process's start time must match too; a file from another host (a
 * shared file system) cannot be judged this way and is left to the age rule.
 */
final class TempOwners {
  private static final Pattern NAME = Pattern.compile("(\\d+)_(\\d+)_([0-9a-f]{8})_.*");
  private static final String HOST = String.format("%08x", hostName().hashCode());
  private static final String PREFIX = ProcessHandle.current().pid() + "_"
      + startMillis(ProcessHandle.current()).orElse(0L) + "_" + HOST + "_";

  /** Numbers this process's temporary files: with the prefix, that makes each name unique. */
  private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

  private TempOwners() {}

  /**
   * Tells copies of this class apart (a second copy, in another class loader, may write from the
   * same process with its own counter); drawn once, as uniqueness, not unpredictability, is what a
   * temporary name needs ({@code CREATE_NEW} refuses a name in use anyway).
   */
  private static final String COPY =
      "-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());

  /**
   * A new temporary file name's stem: the prefix, a counter and the copy's random number. Not a
   * random UUID, nor a random number per name: their cost was measurable in a first commit of
   * 1,000 files, which names one file per object.
   */
  static String uniqueName() {
    return PREFIX + COUNTER.incrementAndGet() + COPY;
  }

  /** The prefix of this process's temporary file names. */
  static String prefix() {
    return PREFIX;
  }

  /**
   * Tells whether the file was written by a process of this host that is no longer running.
   *
   * @param fileName a temporary file's name
   * @return true only when it is certain: a name of this host's scheme whose process is gone
   */
  static boolean ownerIsDead(String fileName) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches() || !m.group(3).equals(HOST)) {
      return false; // another host's, or written before names carried their owner
    }
    long pid;
    long start;
    try {
      pid = Long.parseLong(m.group(1));
      start = Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    // The pid is in use: by its writer, unless the start time says it was reused since.
    return start != 0 && startMillis(process.get()).filter(s -> s != start).isPresent();
  }

  private static Optional<Long> startMillis(ProcessHandle process) {
    return process.info().startInstant().map(java.time.Instant::toEpochMilli);
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | SecurityException e) {
      return "unknown";
    }
  }
}
