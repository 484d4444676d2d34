package dev.mlops.core.internal.onnx;

import ai.onnxruntime.OrtSession;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;

/**
 * Open sessions by model hash, bounded by the total size of their model files. The cache holds one
 * reference to each session; eviction gives it back, so a session in use by a handle or a
 * prediction stays open until they are done, and is closed after.
 */
public final class SessionCache implements AutoCloseable {
  private final long maxBytes;
  private final Cache<String, SharedSession> sessions;

  /**
   * Creates a cache.
   *
   * @param maxBytes the bound on the summed model file sizes, positive
   */
  public SessionCache(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.sessions = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String key, SharedSession session) -> (int) Math.min(Integer.MAX_VALUE, session.bytes()))
        .executor(Runnable::run)
        .removalListener((String key, SharedSession session, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
          if (session != null) {
            session.release();
          }
        })
        .build();
  }

  /**
   * Returns a retained session for a model, creating it if needed; the caller releases it.
   *
   * @param sha256 the model file's verified hash
   * @param size the model file's size
   * @param bytes supplies the verified model bytes when a session must be created
   * @param label the model's name in error messages
   * @return a session with one reference held by the caller
   */
  public SharedSession acquire(String sha256, long size, Supplier<byte[]> bytes, String label) {
    if (size > maxBytes) {
      // Too big to cache: the caller's reference is the only one.
      return create(sha256, size, bytes, label);
    }
    while (true) {
      SharedSession session = sessions.get(sha256, key -> create(sha256, size, bytes, label));
      if (session.tryRetain()) {
        return session;
      }
      sessions.asMap().remove(sha256, session);
    }
  }

  private static SharedSession create(String sha256, long size, Supplier<byte[]> bytes, String label) {
    OrtSession session = OnnxModels.open(bytes.get(), label);
    return new SharedSession(session, sha256, size);
  }

  /**
   * Returns how many sessions the cache holds now.
   *
   * @return the count
   */
  public long size() {
    sessions.cleanUp();
    return sessions.estimatedSize();
  }

  /** Gives back the cache's references (sessions in use close when their users are done). */
  @Override
  public void close() {
    sessions.invalidateAll();
    sessions.cleanUp();
  }
}
