package dev.mlops.storage.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-key mutual exclusion across threads and processes: an in-JVM lock, then an OS lock on the
 * key's lock file.
 *
 * <p>Both are needed: a {@link FileLock} is held on behalf of the whole JVM (a second thread
 * locking the same file gets {@link java.nio.channels.OverlappingFileLockException}), and on POSIX
 * systems closing any descriptor of a file drops the process's locks on it, so a lock file is only
 * opened while its in-JVM lock is held. The in-JVM locks are static and striped by lock-file path,
 * so two store instances on one root in one JVM exclude each other too.
 *
 * <p>Lock files are never deleted: deleting one while another process holds or waits for it would
 * let a third process lock a new file of the same name, and two writers would both hold "the"
 * lock. There is one small file per key that was ever changed by compare-and-set or delete.
 */
final class KeyLocks {
  private static final int STRIPES = 256;
  private static final ReentrantLock[] JVM_LOCKS = new ReentrantLock[STRIPES];

  static {
    for (int i = 0; i < STRIPES; i++) {
      JVM_LOCKS[i] = new ReentrantLock();
    }
  }

  private final KeyPaths paths;

  KeyLocks(KeyPaths paths) {
    this.paths = paths;
  }

  /** Work done while holding a key's lock. */
  @FunctionalInterface
  interface Locked<T> {
    T run() throws IOException;
  }

  /** Runs {@code action} while holding the key's lock in this JVM and in the OS. */
  <T> T withLock(String key, Locked<T> action) throws IOException {
    Held held = acquire(key);
    try {
      return action.run();
    } finally {
      held.release();
    }
  }

  /** A held key lock; releasing it releases the OS lock, then the in-JVM lock. */
  private static final class Held {
    private final ReentrantLock jvmLock;
    private final FileChannel channel;

    private Held(ReentrantLock jvmLock, FileChannel channel) {
      this.jvmLock = jvmLock;
      this.channel = channel;
    }

    void release() {
      try {
        channel.close(); // also releases the FileLock
      } catch (IOException e) {
        // close(2) frees the descriptor, and with it the lock, even when it reports an error; the
        // write this lock guarded is already published, so it must not be reported as failed.
      } finally {
        jvmLock.unlock();
      }
    }
  }

  /** Blocks until this thread holds the key's lock in this JVM and in the OS. */
  private Held acquire(String key) throws IOException {
    Path lockFile = paths.lockFile(key);
    ReentrantLock jvmLock = JVM_LOCKS[Math.floorMod(lockFile.toString().hashCode(), STRIPES)];
    jvmLock.lock();
    FileChannel channel = null;
    try {
      paths.createParents(key, paths.lockRoot(), lockFile);
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      channel.lock();
      return new Held(jvmLock, channel);
    } catch (IOException | RuntimeException | Error e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      jvmLock.unlock();
      throw e;
    }
  }
}
