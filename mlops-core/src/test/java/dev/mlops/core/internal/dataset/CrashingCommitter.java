package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.MlOps;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child JVM of {@link DatasetCrashTest}: commits a large directory and, at the 200th object
 * it writes, prints {@code HOLDING} and waits to be killed. So the kill lands in the middle of the
 * commit by construction, not by how fast the parent happens to look.
 */
public final class CrashingCommitter {
  static final int HOLD_AT = 200;

  private CrashingCommitter() {}

  public static void main(String[] args) {
    try (MlOps mlops = MlOps.builder().uri(Path.of(args[0]).toUri()).closeOnJvmExit(false).build()) {
      new DefaultDatasetStore(holding(mlops.store()), Clock.systemUTC(), Optional.empty())
          .commit(CommitRequest.builder().dataset("d").add("big", Path.of(args[1]))
              .averageChunkSize(16 * 1024).message("never lands").build());
    }
  }

  /**
   * The store, except that every putIfAbsent of a content object from the HOLD_AT-th on waits
   * forever (the commit's write lease is a put too, but not an object the collector reclaims).
   */
  private static ObjectStore holding(ObjectStore store) {
    AtomicInteger puts = new AtomicInteger();
    return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(),
        new Class<?>[] {ObjectStore.class}, (proxy, method, arguments) -> {
          if (method.getName().equals("putIfAbsent") && ((String) arguments[0]).startsWith("objects/")
              && puts.incrementAndGet() >= HOLD_AT) {
            System.out.println("HOLDING");
            System.out.flush();
            while (true) {
              Thread.sleep(Long.MAX_VALUE); // the parent kills the JVM here
            }
          }
          try {
            return method.invoke(store, arguments);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
