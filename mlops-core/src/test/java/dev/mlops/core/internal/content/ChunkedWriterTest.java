package dev.mlops.core.internal.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChunkedWriterTest {
  private static final Subject FILE = new Subject("the test file", "write it again");

  @Test
  void storesChunksOnceAndReadsThemBackVerified() throws Exception {
    try (ObjectStore store = InMemoryObjectStore.create()) {
      ContentStore content = new ContentStore(store);
      byte[] data = ChunkerProperties.random(7, 100_000);
      FileContent first;
      try (ContentWrite write = content.beginWrite("test")) {
        first = write.chunked(Chunker.of(256, 1024, 4096)).write(new ByteArrayInputStream(data));
        assertEquals(100_000, first.size());
        // Reference value: the JDK's SHA-256 of the whole array, computed independently here.
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)),
            first.sha256());
        assertTrue(first.chunks().size() > 20, "about 100 chunks of ~1 KiB expected");
        assertEquals(100_000, write.newBytes());
      }
      try (ContentWrite again = content.beginWrite("test")) {
        assertEquals(first, again.chunked(Chunker.of(256, 1024, 4096)).write(new ByteArrayInputStream(data)));
        assertEquals(0, again.newBytes(), "identical content stores nothing new");
      }
      try (InputStream in = content.openChunked(first, FILE)) {
        assertArrayEquals(data, in.readAllBytes());
      }
    }
  }

  @Test
  void aSingleChunkFileIsItsOwnChunkAndAnEmptyFileHasNone() throws IOException {
    try (ObjectStore store = InMemoryObjectStore.create();
        ContentWrite write = new ContentStore(store).beginWrite("test")) {
      ChunkedWriter writer = write.chunked(Chunker.ofDefaults());
      FileContent small = writer.write(new ByteArrayInputStream("hello".getBytes()));
      assertEquals(1, small.chunks().size());
      assertEquals(small.sha256(), small.chunks().get(0).sha256());
      // Reference: sha256 of "hello" from coreutils sha256sum.
      assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", small.sha256());
      FileContent empty = writer.write(new ByteArrayInputStream(new byte[0]));
      assertEquals(0, empty.chunks().size());
      assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty.sha256());
    }
  }

  @Test
  void streamAndOutputCutExactlyWhereTheChunkerCutsWhileTheBufferGrows() throws IOException {
    Chunker chunker = Chunker.withAverage(64 * 1024); // max 256 KiB: the 64 KiB buffer must grow
    byte[] data = ChunkerProperties.random(21, 2_000_000);
    java.util.List<Long> expected = new java.util.ArrayList<>();
    for (int offset = 0; offset < data.length; ) {
      int n = chunker.cut(data, offset, data.length - offset);
      expected.add((long) n);
      offset += n;
    }
    try (ObjectStore store = InMemoryObjectStore.create();
        ContentWrite write = new ContentStore(store).beginWrite("test")) {
      ChunkedWriter writer = write.chunked(chunker);
      FileContent streamed = writer.write(new ByteArrayInputStream(data));
      assertEquals(expected, streamed.chunks().stream().map(ChunkRef::size).toList());
      ChunkedWriter.Output out = writer.output();
      for (int offset = 0; offset < data.length; ) {
        int n = Math.min(data.length - offset, 1 + (offset % 7919)); // odd write sizes
        out.write(data, offset, n);
        offset += n;
      }
      assertEquals(streamed, out.finish());
    }
  }

  /**
   * Every chunk's address is the SHA-256 of its own bytes and the store holds exactly those bytes
   * under it, whether the chunk is a content's first (hashed as a copy of the content's digest) or
   * a later one, through one reused writer, and after {@link ChunkedWriter.Output#extend}.
   */
  @Test
  void everyChunkIsStoredUnderTheHashOfItsOwnBytes() throws Exception {
    Chunker chunker = Chunker.of(1024, 4096, 16384);
    try (ObjectStore store = InMemoryObjectStore.create();
        ContentWrite write = new ContentStore(store).beginWrite("test")) {
      ChunkedWriter writer = write.chunked(chunker);
      int[] sizes = {1, 1500, 5000, 16384, 16385, 40_000, 200_000};
      FileContent previous = null;
      byte[] previousData = null;
      for (int i = 0; i < sizes.length; i++) {
        byte[] data = ChunkerProperties.random(100 + i, sizes[i]);
        FileContent content = writer.write(new ByteArrayInputStream(data));
        assertChunksHold(store, content, data);
        if (previous != null) {
          // The same bytes appended to the previous content: its chunks kept, the rest new.
          MessageDigest prefixDigest = MessageDigest.getInstance("SHA-256");
          prefixDigest.update(previousData);
          ChunkedWriter.Output out = writer.output();
          out.extend(previous, prefixDigest);
          out.write(data, 0, data.length);
          FileContent extended = out.finish();
          byte[] whole = new byte[previousData.length + data.length];
          System.arraycopy(previousData, 0, whole, 0, previousData.length);
          System.arraycopy(data, 0, whole, previousData.length, data.length);
          assertEquals(hex(whole), extended.sha256());
          assertChunksHold(store, extended, whole);
        }
        previous = content;
        previousData = data;
      }
    }
  }

  private static void assertChunksHold(ObjectStore store, FileContent content, byte[] data)
      throws Exception {
    assertEquals(hex(data), content.sha256());
    int offset = 0;
    for (ChunkRef chunk : content.chunks()) {
      byte[] bytes = java.util.Arrays.copyOfRange(data, offset, offset + (int) chunk.size());
      assertEquals(hex(bytes), chunk.sha256(), "chunk at " + offset + " of " + data.length);
      assertArrayEquals(bytes, store.get(chunk.key()).orElseThrow().bytes());
      offset += (int) chunk.size();
    }
    assertEquals(data.length, offset);
  }

  private static String hex(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
