package dev.mlops.core.internal.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A flipped bit, a cut-off end or a missing object is an {@link IntegrityException} naming the
 * object on every read path, and a chunked file never hands out a byte of a damaged chunk.
 */
class DamagedContentTest {
  private static final Subject SUBJECT = new Subject("the test object", "store it again");
  private static final byte[] DATA = ChunkerProperties.random(9, 50_000);

  @TempDir Path dir;
  private final ObjectStore store = InMemoryObjectStore.create();
  private final ContentStore content = new ContentStore(store);

  @AfterEach
  void close() {
    store.close();
  }

  /** The ways an object gets damaged. */
  enum Damage {
    BIT_FLIPPED(bytes -> {
      byte[] flipped = bytes.clone();
      flipped[flipped.length / 2] ^= 0x04;
      return flipped;
    }),
    TRUNCATED(bytes -> Arrays.copyOf(bytes, bytes.length - 1)),
    EXTENDED(bytes -> Arrays.copyOf(bytes, bytes.length + 1)),
    MISSING(bytes -> null);

    final Function<byte[], byte[]> apply;

    Damage(Function<byte[], byte[]> apply) {
      this.apply = apply;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Damage.class)
  @DisplayName("a damaged object is an integrity error naming it on every read path")
  void everyReadPathRefusesADamagedObject(Damage damage) {
    ChunkRef object = put(DATA);
    damage(object.key(), damage);

    assertDamaged(object, () -> content.read(object.sha256(), DATA.length + 10, SUBJECT));
    assertDamaged(object, () -> content.read(object, SUBJECT));
    assertDamaged(object, () -> {
      try (InputStream in = content.open(object, SUBJECT)) {
        in.readAllBytes();
      }
    });
    FileContent single = new FileContent(object.sha256(), object.size(), List.of(object));
    assertDamaged(object, () -> {
      try (InputStream in = content.openChunked(single, SUBJECT)) {
        in.readAllBytes();
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Damage.class)
  @DisplayName("a chunked file hands out the chunks before a damaged one and not one byte of it")
  void aChunkedFileStopsBeforeADamagedChunk(Damage damage) throws IOException {
    FileContent file;
    try (ContentWrite write = content.beginWrite("test")) {
      file = write.chunked(Chunker.of(256, 1024, 4096)).write(new java.io.ByteArrayInputStream(DATA));
    }
    int damagedIndex = file.chunks().size() / 2;
    ChunkRef damagedChunk = file.chunks().get(damagedIndex);
    long before = file.chunks().subList(0, damagedIndex).stream().mapToLong(ChunkRef::size).sum();
    damage(damagedChunk.key(), damage);

    ByteArrayOutputStream received = new ByteArrayOutputStream();
    IntegrityException e = assertThrows(IntegrityException.class, () -> {
      try (InputStream in = content.openChunked(file, SUBJECT)) {
        byte[] buffer = new byte[777];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          received.write(buffer, 0, n);
        }
      }
    });

    assertTrue(e.getMessage().contains(damagedChunk.key()), e.getMessage());
    assertArrayEquals(Arrays.copyOf(DATA, (int) before), received.toByteArray(),
        "exactly the intact chunks before the damaged one were handed out");
  }

  @Test
  @DisplayName("empty content is an object of zero bytes under the SHA-256 of nothing, read back empty")
  void emptyContent() throws IOException {
    String emptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    ChunkRef fromBytes = put(new byte[0]);
    ChunkRef fromFile;
    FileContent chunked;
    try (ContentWrite write = content.beginWrite("test")) {
      fromFile = write.putFile(Files.createFile(dir.resolve("empty")));
      chunked = write.chunked(Chunker.ofDefaults()).write(InputStream.nullInputStream());
      assertEquals(0, write.newObjects(), "the empty object was stored once, before this write");
    }
    assertEquals(new ChunkRef(emptySha, 0), fromBytes);
    assertEquals(fromBytes, fromFile);
    assertEquals(new FileContent(emptySha, 0, List.of()), chunked);
    assertEquals(0, store.stat(fromBytes.key()).orElseThrow().size());
    assertArrayEquals(new byte[0], content.read(emptySha, 0, SUBJECT));
    assertArrayEquals(new byte[0], content.read(fromBytes, SUBJECT));
    try (InputStream in = content.open(fromBytes, SUBJECT);
        InputStream chunks = content.openChunked(chunked, SUBJECT)) {
      assertEquals(-1, in.read());
      assertEquals(-1, chunks.read());
    }
  }

  @Test
  @DisplayName("an object larger than a whole read allows is refused as damaged")
  void aReadIsBounded() {
    ChunkRef object = put(DATA);
    assertDamaged(object, () -> content.read(object.sha256(), DATA.length - 1, SUBJECT));
  }

  @Test
  @DisplayName("a closed write refuses every put, and derived objects stay outside content addresses")
  void writeRules() {
    ContentWrite write = content.beginWrite("test");
    assertThrows(IllegalArgumentException.class,
        () -> write.putDerived(ContentKeys.keyOf(Sha256.hex(DATA)), DATA));
    assertThrows(IllegalArgumentException.class, () -> write.putDerived("refs/x", DATA));
    write.putDerived("objects/sketches/x", DATA);
    write.putDerived("objects/sketches/x", new byte[1]);
    assertArrayEquals(DATA, store.get("objects/sketches/x").orElseThrow().bytes(), "put once");
    write.close();
    write.close();
    assertThrows(IllegalStateException.class, () -> write.put(DATA));
    assertThrows(IllegalStateException.class, () -> write.putFile(dir));
    assertThrows(IllegalStateException.class, () -> write.chunked(Chunker.ofDefaults()));
    assertThrows(IllegalStateException.class, () -> write.putDerived("objects/sketches/y", DATA));
  }

  private ChunkRef put(byte[] bytes) {
    try (ContentWrite write = content.beginWrite("test")) {
      return write.put(bytes);
    }
  }

  private void damage(String key, Damage damage) {
    byte[] damaged = damage.apply.apply(store.get(key).orElseThrow().bytes());
    store.delete(key);
    if (damaged != null) {
      store.putIfAbsent(key, damaged);
    }
  }

  private static void assertDamaged(ChunkRef object, Executable read) {
    IntegrityException e = assertThrows(IntegrityException.class, read);
    assertTrue(e.getMessage().contains(object.key()), e.getMessage());
    assertTrue(e.getMessage().contains("store it again"), "names the remedy: " + e.getMessage());
  }
}
