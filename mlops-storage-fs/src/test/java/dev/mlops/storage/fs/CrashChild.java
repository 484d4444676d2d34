package dev.mlops.storage.fs;

import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Child JVM of {@link CrashRecoveryTest}, killed by its parent while it writes.
 *
 * <p>Arguments: store root, mode. Mode {@code stall}: writes {@value #STALL_AFTER} objects and
 * points {@code refs/head} at each, then starts one more object, prints {@code STALLED} when half
 * of it is written, and waits to be killed. Mode {@code loop}: {@value #THREADS} threads write
 * objects and move {@code refs/head} forever, printing {@code WROTE} after each object.
 * Every object's content is {@link DeterministicContent} of its key; {@code refs/head} holds a key.
 */
public final class CrashChild {
  static final int MIN_SIZE = 256 * 1024;
  static final int SIZE_SPREAD = 2 * 1024 * 1024;
  static final int STALL_AFTER = 5;
  static final int THREADS = 4;
  static final String HEAD = "refs/head";

  private CrashChild() {}

  /**
   * Writes until killed.
   *
   * @param args store root and mode
   * @throws Exception never expected
   */
  public static void main(String[] args) throws Exception {
    FileSystemObjectStore store = FileSystemObjectStore.open(Path.of(args[0]));
    if (args[1].equals("stall")) {
      for (int i = 0; i < STALL_AFTER; i++) {
        writeAndPoint(store, "blobs/obj-" + i);
      }
      String key = "blobs/obj-" + STALL_AFTER;
      store.putIfAbsent(key, new StallingStream(new DeterministicContent(key, MIN_SIZE,
          SIZE_SPREAD), DeterministicContent.sizeOf(key, MIN_SIZE, SIZE_SPREAD) / 2));
      throw new IllegalStateException("the stalled write returned");
    }
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread writer = new Thread(() -> {
        for (int i = 0; ; i++) {
          writeAndPoint(store, "t" + thread + "/obj-" + i);
          synchronized (System.out) {
            System.out.println("WROTE");
            System.out.flush();
          }
        }
      });
      writer.start();
    }
    new CountDownLatch(1).await();
  }

  private static void writeAndPoint(FileSystemObjectStore store, String key) {
    store.putIfAbsent(key, new DeterministicContent(key, MIN_SIZE, SIZE_SPREAD));
    byte[] ref = key.getBytes(StandardCharsets.UTF_8);
    while (true) {
      Optional<StoredBytes> head = store.get(HEAD);
      VersionToken expected = head.map(StoredBytes::token).orElse(VersionToken.ABSENT);
      if (store.compareAndSet(HEAD, expected, ref).isPresent()) {
        return;
      }
    }
  }

  /** Passes bytes through until {@code limit}, then announces it and blocks forever. */
  private static final class StallingStream extends FilterInputStream {
    private final long limit;
    private long passed;

    StallingStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (passed >= limit) {
        System.out.println("STALLED");
        System.out.flush();
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("interrupted");
      }
      int n = super.read(buffer, offset, (int) Math.min(length, limit - passed));
      passed += Math.max(n, 0);
      return n;
    }
  }
}
