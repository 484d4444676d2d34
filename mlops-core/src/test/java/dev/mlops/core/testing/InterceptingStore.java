package dev.mlops.core.testing;

import dev.mlops.api.storage.ObjectStore;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A real store with one streamed put taken over by the test: the next {@code putIfAbsent} whose
 * key the test selects runs the test's code instead (which usually does something, such as
 * changing the source file, and then calls the real store). So an interleaving that threads would
 * hit only by chance happens every time. Everything else goes to the real store.
 */
public final class InterceptingStore extends ForwardingStore {
  /** What runs in place of the selected put. */
  @FunctionalInterface
  public interface Put {
    /**
     * Runs instead of the put.
     *
     * @param key the key being put
     * @param content the content being put
     * @param real the real store, to finish the put with
     * @return what the put returns
     * @throws Exception anything; unchecked ones reach the writer as they are
     */
    boolean put(String key, InputStream content, ObjectStore real) throws Exception;
  }

  private record Armed(Predicate<String> selects, Put put) {}

  private final AtomicReference<Armed> armed = new AtomicReference<>();

  /**
   * Wraps a store.
   *
   * @param real the store that does the work; closed with this one
   */
  public InterceptingStore(ObjectStore real) {
    super(real);
  }

  /**
   * Takes over the next streamed put of a key that {@code selects} takes (once).
   *
   * @param selects which keys
   * @param put what runs instead
   */
  public void interceptNext(Predicate<String> selects, Put put) {
    armed.set(new Armed(selects, put));
  }

  @Override
  public boolean putIfAbsent(String key, InputStream content) {
    Armed now = armed.get();
    if (now != null && now.selects().test(key) && armed.compareAndSet(now, null)) {
      try {
        return now.put().put(key, content, real);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("the test's put failed", e);
      }
    }
    return real.putIfAbsent(key, content);
  }
}
