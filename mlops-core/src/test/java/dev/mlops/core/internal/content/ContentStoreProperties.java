package dev.mlops.core.internal.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever goes in comes out, by every write and read path, and storing it again adds nothing. */
class ContentStoreProperties {
  private static final Subject SUBJECT = new Subject("generated content", "store it again");
  private static final Chunker SMALL = Chunker.of(64, 256, 1024);

  @Property(tries = 150)
  void bytesInAreBytesOutAndAPutIsIdempotent(@ForAll @Size(max = 6_000) byte[] data,
      @ForAll @IntRange(min = 1, max = 3) int times) throws IOException {
    Path file = Files.createTempFile("content-", ".bin");
    try (ObjectStore store = InMemoryObjectStore.create()) {
      ContentStore content = new ContentStore(store);
      Files.write(file, data);
      List<String> keysAfterFirst = null;
      for (int i = 0; i < times; i++) {
        try (ContentWrite write = content.beginWrite("test")) {
          ChunkRef whole = write.put(data);
          assertEquals(whole, write.putFile(file), "a file and its bytes have one address");
          FileContent chunked = write.chunked(SMALL).write(new ByteArrayInputStream(data));
          assertEquals(whole.sha256(), chunked.sha256(), "chunking keeps the file's hash");

          assertArrayEquals(data, content.read(whole.sha256(), data.length, SUBJECT));
          assertArrayEquals(data, content.read(whole, SUBJECT));
          try (InputStream in = content.open(whole, SUBJECT);
              InputStream chunks = content.openChunked(chunked, SUBJECT)) {
            assertArrayEquals(data, in.readAllBytes());
            assertArrayEquals(data, chunks.readAllBytes());
          }
          if (keysAfterFirst == null) {
            keysAfterFirst = keys(store);
          } else {
            assertEquals(0, write.newObjects(), "storing the same content again stores nothing");
            assertEquals(keysAfterFirst, keys(store));
          }
        }
      }
    } finally {
      Files.delete(file);
    }
  }

  /** The content objects (a write also holds a lease under refs/gc/ while it is open). */
  private static List<String> keys(ObjectStore store) {
    try (Stream<ObjectInfo> all = store.list("objects/")) {
      return all.map(ObjectInfo::key).toList();
    }
  }
}
