package dev.mlops.core.internal.lifecycle;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What one owner holds, closed in one place: parts made lazily, each at most once, and closed in
 * the reverse order of their making (a part made while making another, which uses it, is closed
 * after it). After {@link #close()} every part's accessor throws {@link IllegalStateException}.
 * Thread-safe.
 */
public final class Lifecycle {
  private final Supplier<String> closedMessage;
  private final Deque<AutoCloseable> toClose = new ArrayDeque<>(); // guarded by this, newest first
  private volatile boolean closed;

  /**
   * Creates an open lifecycle.
   *
   * @param closedMessage the message of the exception an accessor throws after {@link #close()}
   */
  public Lifecycle(Supplier<String> closedMessage) {
    this.closedMessage = requireNonNull(closedMessage, "closedMessage");
  }

  /**
   * Returns a part made on first use (then closed with this lifecycle if it is
   * {@link AutoCloseable}).
   *
   * @param <T> the part's type
   * @param make makes the part; called at most once
   * @return the accessor of the part
   */
  public <T> Part<T> part(Supplier<T> make) {
    return new Part<>(requireNonNull(make, "make"));
  }

  /**
   * Adds something made now, to be closed after every part made later.
   *
   * @param resource what to close
   * @throws IllegalStateException if this lifecycle is closed
   */
  public synchronized void own(AutoCloseable resource) {
    requireOpen();
    toClose.push(requireNonNull(resource, "resource"));
  }

  /**
   * Throws if this lifecycle is closed.
   *
   * @throws IllegalStateException if it is
   */
  public void requireOpen() {
    if (closed) {
      throw new IllegalStateException(closedMessage.get());
    }
  }

  /**
   * Returns whether {@link #close()} has begun.
   *
   * @return true once closing
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes every part and owned resource, newest first; each is closed even when an earlier one
   * failed. Idempotent.
   *
   * @return the first failure, with the later ones suppressed in it, or null if none failed
   */
  public @Nullable RuntimeException close() {
    List<AutoCloseable> order;
    synchronized (this) {
      if (closed) {
        return null;
      }
      closed = true; // inside the lock: a part being made now is in toClose before we copy it
      order = new ArrayList<>(toClose);
      toClose.clear();
    }
    RuntimeException failure = null;
    for (AutoCloseable resource : order) {
      try {
        resource.close();
      } catch (Exception e) {
        RuntimeException unchecked = e instanceof RuntimeException r ? r
            : new IllegalStateException("closing " + resource + " failed", e);
        if (failure == null) {
          failure = unchecked;
        } else {
          failure.addSuppressed(unchecked);
        }
      }
    }
    return failure;
  }

  /**
   * One lazily made part.
   *
   * @param <T> its type
   */
  public final class Part<T> implements Supplier<T> {
    private final Supplier<T> make;
    private volatile @Nullable T value;

    private Part(Supplier<T> make) {
      this.make = make;
    }

    /**
     * Returns the part, making it on the first call.
     *
     * @return the part
     * @throws IllegalStateException if the lifecycle is closed
     */
    @Override
    public T get() {
      T made = value;
      if (made != null) {
        requireOpen();
        return made;
      }
      synchronized (Lifecycle.this) {
        requireOpen();
        made = value;
        if (made == null) {
          made = requireNonNull(make.get(), "made part");
          if (made instanceof AutoCloseable closeable) {
            toClose.push(closeable);
          }
          value = made;
        }
        return made;
      }
    }
  }
}
