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
}
