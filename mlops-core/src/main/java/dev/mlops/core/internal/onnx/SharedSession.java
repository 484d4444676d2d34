package dev.mlops.core.internal.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ONNX Runtime session shared by the cache, handles and in-flight predictions, closed when the
 * last of them lets go. Each holder takes one reference ({@link #tryRetain()}) and gives it back
 * once ({@link #release()}); a session whose count reached zero is closed and cannot be retained.
 */
public final class SharedSession {
  private static final Logger LOG = LoggerFactory.getLogger(SharedSession.class);
  private static final AtomicInteger OPEN = new AtomicInteger();

  private final OrtSession session;
  private final String sha256;
  private final long bytes;
  private final AtomicInteger references = new AtomicInteger(1);

  /**
   * Wraps a new session; the caller holds the first reference.
   *
   * @param session the session
   * @param sha256 the model file's hash
   * @param bytes the model file's size
   */
  public SharedSession(OrtSession session, String sha256, long bytes) {
    this.session = session;
    this.sha256 = sha256;
    this.bytes = bytes;
    OPEN.incrementAndGet();
  }

  /**
   * Returns how many sessions are open in this JVM (for leak checks).
   *
   * @return the count
   */
  public static int openSessions() {
    return OPEN.get();
  }

  /**
   * Takes a reference unless the session is already closed.
   *
   * @return true if the caller now holds a reference
   */
  public boolean tryRetain() {
    while (true) {
      int count = references.get();
      if (count == 0) {
        return false;
      }
      if (references.compareAndSet(count, count + 1)) {
        return true;
      }
    }
  }

  /** Gives a reference back; the last one closes the session. */
  public void release() {
    int count = references.decrementAndGet();
    if (count == 0) {
      OPEN.decrementAndGet();
      try {
        session.close();
      } catch (OrtException e) {
        LOG.warn("closing the ONNX Runtime session of model {} failed", sha256, e);
      }
    } else if (count < 0) {
      throw new IllegalStateException("session of model " + sha256 + " released more often than retained");
    }
  }

  /**
   * Returns the session; only valid while holding a reference.
   *
   * @return the session
   */
  public OrtSession session() {
    return session;
  }

  /**
   * Returns the model file's hash.
   *
   * @return the hex SHA-256
   */
  public String sha256() {
    return sha256;
  }

  /**
   * Returns the model file's size, the session's weight in the cache.
   *
   * @return bytes
   */
  public long bytes() {
    return bytes;
  }
}
