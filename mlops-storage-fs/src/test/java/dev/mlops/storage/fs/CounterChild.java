package dev.mlops.storage.fs;

import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Child JVM of {@link TwoJvmCompareAndSetTest}: increments one counter object {@code increments}
 * times through get + compareAndSet, retrying lost races.
 *
 * <p>Arguments: store root, key, increments.
 */
public final class CounterChild {
  private CounterChild() {}

  /**
   * Runs the increments; exits 0 when all are done.
   *
   * @param args store root, key, number of increments
   */
  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    String key = args[1];
    int increments = Integer.parseInt(args[2]);
    long conflicts = 0;
    try (FileSystemObjectStore store = FileSystemObjectStore.open(root)) {
      for (int done = 0; done < increments; ) {
        Optional<StoredBytes> current = store.get(key);
        long value = current.map(b -> Long.parseLong(b.utf8())).orElse(0L);
        VersionToken expected = current.map(StoredBytes::token).orElse(VersionToken.ABSENT);
        byte[] next = Long.toString(value + 1).getBytes(StandardCharsets.UTF_8);
        if (store.compareAndSet(key, expected, next).isPresent()) {
          done++;
        } else {
          conflicts++;
        }
      }
    }
    System.err.println("conflicts=" + conflicts);
  }
}
