package dev.mlops.core.internal.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.ForwardingObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** A writer that stores its chunks on an executor ({@link ContentWrite#chunked(Chunker, java.util.concurrent.Executor)}). */
class ChunkedWriterStoreOnTest {
  private static final Subject FILE = new Subject("the test file", "write it again");

  /** The same content, chunks, stored objects and new bytes as a writer that stores as it cuts. */
  @Property(tries = 60)
  void storesWhatTheWriterWithoutAnExecutorStores(@ForAll @LongRange(max = 1_000_000) long seed,
      @ForAll @IntRange(min = 0, max = 300_000) int length, @ForAll @IntRange(min = 6, max = 12) int averageBits,
      @ForAll boolean asOutput) throws IOException {
    byte[] data = ChunkerProperties.random(seed, length);
    Chunker chunker = Chunker.withAverage(1 << averageBits);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ObjectStore plainStore = InMemoryObjectStore.create(); ObjectStore asyncStore = InMemoryObjectStore.create();
        ContentWrite plain = new ContentStore(plainStore).beginWrite("test");
        ContentWrite async = new ContentStore(asyncStore).beginWrite("test")) {
      FileContent expected = write(plain.chunked(chunker), data, asOutput);
      FileContent actual = write(async.chunked(chunker, pool), data, asOutput);
      assertEquals(expected, actual);
      assertEquals(plain.newBytes(), async.newBytes());
      assertEquals(keys(plainStore), keys(asyncStore));
      try (InputStream in = new ContentStore(asyncStore).openChunked(actual, FILE)) {
        assertArrayEquals(data, in.readAllBytes());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * An executor that never runs what it is given (a bounded one busy with the writer's own caller):
   * the writer runs each put itself when it waits for it, so everything is stored and nothing hangs.
   */
  @Test
  void storesEverythingItselfWhenTheExecutorRunsNothing() throws IOException {
    byte[] data = ChunkerProperties.random(11, 200_000);
    AtomicInteger given = new AtomicInteger();
    try (ObjectStore store = InMemoryObjectStore.create();
        ContentWrite write = new ContentStore(store).beginWrite("test")) {
      FileContent content = write.chunked(Chunker.withAverage(1024), task -> given.incrementAndGet())
          .write(new ByteArrayInputStream(data));
      assertTrue(content.chunks().size() > ChunkPuts.IN_FLIGHT, "more chunks than may be pending");
      assertEquals(content.chunks().size(), given.get(), "every put went to the executor first");
      for (ChunkRef chunk : content.chunks()) {
        assertTrue(store.exists(chunk.key()), chunk.key());
      }
      try (InputStream in = new ContentStore(store).openChunked(content, FILE)) {
        assertArrayEquals(data, in.readAllBytes());
      }
    }
  }

  /** A put that fails fails the write, once the puts still running have ended. */
  @Test
  void aFailedPutFailsTheWrite() throws IOException {
    byte[] data = ChunkerProperties.random(12, 100_000);
    IllegalStateException failure = new IllegalStateException("the disk is full");
    AtomicInteger puts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ObjectStore memory = InMemoryObjectStore.create();
        ObjectStore store = new ForwardingObjectStore(memory) {
          @Override
          public boolean putIfAbsent(String key, InputStream content) {
            if (puts.incrementAndGet() == 3) {
              throw failure;
            }
            return super.putIfAbsent(key, content);
          }
        };
        ContentWrite write = new ContentStore(store).beginWrite("test")) {
      ChunkedWriter writer = write.chunked(Chunker.withAverage(1024), pool);
      assertSame(failure, assertThrows(IllegalStateException.class,
          () -> writer.write(new ByteArrayInputStream(data))));
      List<String> stored = keys(memory);
      assertFalse(stored.isEmpty(), "the other puts went on");
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> keys(ObjectStore store) {
    try (var objects = store.list("objects/")) {
      return objects.map(dev.mlops.api.storage.ObjectInfo::key).sorted().toList();
    }
  }

  private static FileContent write(ChunkedWriter writer, byte[] data, boolean asOutput) throws IOException {
    if (!asOutput) {
      return writer.write(new ByteArrayInputStream(data));
    }
    ChunkedWriter.Output out = writer.output();
    for (int offset = 0; offset < data.length; ) {
      int n = Math.min(data.length - offset, 1 + (offset % 7919)); // odd write sizes
      out.write(data, offset, n);
      offset += n;
    }
    return out.finish();
  }
}
